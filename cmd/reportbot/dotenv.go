package main

import (
	"fmt"
	"os"

	"github.com/joho/godotenv"
)

// dotenv layers the .env file in the working directory under getenv: real
// environment variables win. A missing .env is fine; a malformed one is an
// error, so a typo does not silently drop a setting.
func dotenv(getenv func(string) string) (func(string) string, error) {
	vals, err := godotenv.Read(".env")
	if err != nil {
		if os.IsNotExist(err) {
			return getenv, nil
		}
		return nil, fmt.Errorf("read .env: %w", err)
	}
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return vals[k]
	}, nil
}
