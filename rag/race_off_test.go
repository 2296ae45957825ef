//go:build !race

package rag

// raceEnabled is set when the tests run under the race detector, which
// makes answering about ten times slower.
const raceEnabled = false
