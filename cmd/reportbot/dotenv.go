package main

import (
	"os"

	"github.com/joho/godotenv"
)

// dotenv layers a .env file in the working directory under getenv: real
// environment variables win. A missing .env is not an error.
func dotenv(getenv func(string) string) func(string) string {
	vals, err := godotenv.Read(".env")
	if err != nil {
		if !os.IsNotExist(err) {
			// A malformed .env is ignored rather than fatal; commands that
			// need a value will report it missing by name.
			vals = nil
		}
	}
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return vals[k]
	}
}
