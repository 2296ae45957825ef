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
	for _, f := range tableRows(provincesFile, "provinces.tsv", "name, abbreviation, English", 3) {
		out = append(out, Province{f[0], f[1], f[2]})
	}
	return out
})

// tableRows reads a data table: one row per line, fields separated by
// tabs, # comments and blank lines skipped. A row without n fields is a
// defect of the embedded file, found by any test: it panics naming want.
func tableRows(data []byte, file, want string, n int) [][]string {
	var out [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			panic("knowledge: data/" + file + ": want " + want + ": " + line)
		}
		out = append(out, f)
	}
	return out
}

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

//go:embed data/cities.tsv
var citiesFile []byte

// City is a prefecture-level city (地级市, 自治州, 地区, 盟) as questions
// name it: 南京市 or 南京, in 江苏.
type City struct {
	// Name is the full name (南京市); Short the name without its unit
	// (南京), "" when there is none.
	Name, Short string
	// Province is the province it is in, as Province.Name (江苏).
	Province string
	// Alone says whether Short names the city on its own; not where it is
	// an ordinary word or another place (安康, 确保定期, 吉林).
	Alone bool
	// English is its name in English (Nanjing, Hohhot).
	English string
}

// Cities lists the prefecture-level cities (data/cities.tsv).
var Cities = sync.OnceValue(func() []City {
	var out []City
	for _, f := range tableRows(citiesFile, "cities.tsv", "name, short name, province, alone (yes/no), English", 5) {
		if f[3] != "yes" && f[3] != "no" {
			panic("knowledge: data/cities.tsv: alone is yes or no: " + strings.Join(f, "\t"))
		}
		if f[1] == "-" {
			f[1] = ""
		}
		out = append(out, City{f[0], f[1], f[2], f[3] == "yes" && f[1] != "", f[4]})
	}
	return out
})

// CityOf is the prefecture-level city a government or place name is or
// lies in: 扬州市人民政府 and 扬州 are 扬州市; (浙江省)宁波市镇海区人民政府
// is in 宁波市.
func CityOf(name string) (City, bool) {
	n := strings.TrimSuffix(strings.TrimSpace(name), "人民政府")
	n = strings.TrimLeft(n, "(（")
	for _, p := range Provinces() {
		if rest, ok := strings.CutPrefix(n, p.Name); ok {
			for _, unit := range []string{"省", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区"} {
				if r, ok := strings.CutPrefix(rest, unit); ok {
					rest = r
					break
				}
			}
			n = strings.TrimLeft(rest, ")）")
			break
		}
	}
	for _, c := range Cities() {
		if strings.HasPrefix(n, c.Name) || c.Alone && n == c.Short {
			return c, true
		}
	}
	return City{}, false
}

//go:embed data/regions.tsv
var regionsFile []byte

// Region is an area of several provinces a question may name (粤港澳,
// 京津冀); Members are Province names.
type Region struct {
	Name    string
	Members []string
}

// Regions lists the regions (data/regions.tsv).
var Regions = sync.OnceValue(func() []Region {
	var out []Region
	for _, f := range tableRows(regionsFile, "regions.tsv", "region, members", 2) {
		out = append(out, Region{f[0], strings.Fields(f[1])})
	}
	return out
})
