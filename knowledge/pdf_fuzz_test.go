package knowledge

import (
	"errors"
	"testing"
)

// FuzzParsePDF feeds the PDF reader damaged and cut variants of the test
// PDFs. It must return an error or a report, never panic or hang: a panic
// inside the PDF engine becomes an error at the boundary.
func FuzzParsePDF(f *testing.F) {
	report := testReportPDF(f)
	for _, seed := range [][]byte{
		report,
		report[:len(report)/2],  // cut mid-file: no cross-reference table
		report[:len(report)-40], // cut in the trailer
		scannedPDF(f),
		encryptedPDF(f),
		[]byte("%PDF-1.4\n%%EOF"),
		[]byte("%PDF-1.7\n1 0 obj<</Type/Pages/Kids[1 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>"),
	} {
		f.Add(seed)
	}
	// Start the engine before the first input: its compile takes longer
	// than the fuzzer waits for a worker's answer.
	if _, err := pdfEngine(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("fuzz.pdf", data)
		if err != nil {
			if r != nil {
				t.Fatal("a report and an error")
			}
			if !errors.Is(err, ErrBinary) && !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrScannedPDF) &&
				!errors.Is(err, ErrEncryptedPDF) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrUnsupportedFormat) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if len(r.Paragraphs) == 0 {
			t.Fatal("a report without paragraphs")
		}
	})
}
