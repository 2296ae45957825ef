package rag

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// routeBenchCities name the small reports that fill a 50-report library.
var routeBenchCities = strings.Fields(`杭州 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州
阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 济南 青岛 淄博`)

// BenchmarkRoutedAnswer answers a question naming its place with one
// report loaded and with 50 (the built-in report and 49 city reports):
// routing and the library around it should add little (goal ≤ 1.5×).
func BenchmarkRoutedAnswer(b *testing.B) {
	q := Question{Text: "镇海今年城镇登记失业率目标是多少"}
	for _, n := range []int{1, 50} {
		lib := NewLibrary(discard, b.TempDir(), nil)
		if _, err := lib.Add(context.Background(), knowledge.Default()); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < n-1; i++ {
			city := routeBenchCities[i]
			text := fmt.Sprintf("2024年%s市政府工作报告\n各位代表：\n现在，我代表%s市人民政府，向大会报告政府工作。\n二、2024年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长%d%%左右，城镇调查失业率控制在5.5%%以内。\n",
				city, city, 4+i%3)
			r, err := knowledge.Parse(city+".txt", []byte(text))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := lib.Add(context.Background(), r); err != nil {
				b.Fatal(err)
			}
		}
		e := New(discard, lib, nil)
		if a, err := e.Answer(context.Background(), q); err != nil || !strings.Contains(a.Text, "3%以内") {
			b.Fatalf("%d reports: %q %v", n, a.Text, err)
		}
		b.Run(fmt.Sprintf("reports=%02d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Answer(context.Background(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
