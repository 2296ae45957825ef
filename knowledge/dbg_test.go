package knowledge

import (
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	data, _ := os.ReadFile(os.Getenv("F"))
	f, _ := detectFormat(os.Getenv("F"), data)
	var blocks []block
	if f == formatDocx {
		blocks, _ = docxBlocks(data)
	} else {
		d, _ := decodeText(data, f == formatHTML)
		if f == formatHTML {
			blocks, _ = htmlBlocks(d.text)
		} else {
			for _, l := range strings.Split(d.text, "\n") {
				blocks = append(blocks, block{text: l})
			}
		}
	}
	c := clean(blocks)
	for _, l := range c.front {
		t.Logf("FRONT %.80s", l)
	}
	for _, l := range c.header {
		t.Logf("HEADER %.80s", l)
	}
	for _, b := range c.body {
		t.Logf("BODY %d %.80s", b.kind, b.text)
	}
}
