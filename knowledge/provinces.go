package knowledge

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
)

//go:embed data/provinces.tsv
var provincesFile []byte

// Province is a province-level area as questions name it: 广东, 粤,
// Guangdong.
type Province struct {
	Name, Abbrev, English string
}

// Provinces lists the province-level areas (data/provinces.tsv).
var Provinces = sync.OnceValue(func() []Province {
	var out []Province
	sc := bufio.NewScanner(bytes.NewReader(provincesFile))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("knowledge: data/provinces.tsv: want name, abbreviation, English: " + line)
		}
		out = append(out, Province{f[0], f[1], f[2]})
	}
	return out
})

// ProvinceOf is the province a government or place name is (广东省人民政府,
// 宁夏回族自治区, 北京市), if it is one.
func ProvinceOf(name string) (Province, bool) {
	n := strings.TrimSuffix(name, "人民政府")
	for _, unit := range []string{"特别行政区", "自治区", "省", "市"} {
		if strings.HasSuffix(n, unit) {
			n = strings.TrimSuffix(n, unit)
			break
		}
	}
	n = dropMinorities(n) // 宁夏回族 is 宁夏
	for _, p := range Provinces() {
		if p.Name == n {
			return p, true
		}
	}
	return Province{}, false
}
