package knowledge

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxDocxXML bounds the uncompressed size of word/document.xml, so a zip
// bomb is refused instead of filling memory.
const maxDocxXML = 64 << 20

// docxBlocks reads the paragraphs of a Word .docx file (Office Open XML):
// each w:p is one block; w:t runs are joined, w:tab and w:br become
// spaces and line breaks; paragraphs styled as headings become headings.
func docxBlocks(data []byte) ([]block, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("read .docx: %v: %w", err, ErrBinary)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return nil, fmt.Errorf("read .docx: no word/document.xml: %w", ErrUnsupportedFormat)
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, fmt.Errorf("read .docx: %v: %w", err, ErrBinary)
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, maxDocxXML+1))
	if err != nil {
		return nil, fmt.Errorf("read .docx: %v: %w", err, ErrBinary)
	}
	if len(raw) > maxDocxXML {
		return nil, fmt.Errorf("read .docx: document.xml over %d MB: %w", maxDocxXML>>20, ErrTooLarge)
	}
	return parseDocumentXML(raw)
}

func parseDocumentXML(raw []byte) ([]block, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var (
		out     []block
		buf     strings.Builder
		inText  bool
		heading bool
		depth   int      // nesting of w:p (text boxes can nest paragraphs)
		tables  int      // nesting of w:tbl
		cells   []string // the cells of the table row being read
		cell    strings.Builder
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read .docx: bad document.xml: %v: %w", err, ErrBinary)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				if depth == 0 {
					buf.Reset()
					heading = false
				}
				depth++
			case "tbl":
				tables++
			case "tr":
				if tables == 1 {
					cells = cells[:0]
				}
			case "tc":
				if tables == 1 {
					cell.Reset()
				}
			case "t":
				inText = true
			case "tab":
				buf.WriteByte(' ')
			case "br", "cr":
				buf.WriteByte('\n')
			case "pStyle":
				for _, a := range t.Attr {
					v := strings.ToLower(a.Value)
					if a.Name.Local == "val" && (strings.HasPrefix(v, "heading") || strings.HasPrefix(v, "title") || strings.Contains(a.Value, "标题")) {
						heading = true
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "tbl":
				tables--
			case "tc":
				if tables == 1 {
					cells = append(cells, strings.Join(strings.Fields(cell.String()), " "))
				}
			case "tr":
				if tables == 1 {
					// A row is one line, its cells joined: 指标 | 目标.
					var row []string
					for _, c := range cells {
						if c != "" {
							row = append(row, c)
						}
					}
					if len(row) > 0 {
						out = append(out, block{text: strings.Join(row, " | "), kind: kindRow})
					}
				}
			case "p":
				depth--
				if depth == 0 && tables > 0 {
					cell.WriteString(buf.String())
					cell.WriteByte(' ')
				} else if depth == 0 {
					kind := kindText
					if heading {
						kind = kindHeading
					}
					for _, line := range strings.Split(buf.String(), "\n") {
						out = append(out, block{text: line, kind: kind})
					}
				}
			}
		case xml.CharData:
			if inText {
				buf.Write(t)
			}
		}
	}
	return out, nil
}
