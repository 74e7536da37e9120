package main

import (
	"context"
	"fmt"
	"io"
)

// runAPIKey manages API keys: factgraph apikey create|revoke|list.
func runAPIKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return fmt.Errorf("apikey: not available in this build")
}
