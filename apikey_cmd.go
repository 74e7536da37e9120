package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/domain"
)

const apiKeyUsage = `usage:
  factgraph apikey create -role reader|editor|admin -name NAME [-db ...]
  factgraph apikey list [-db ...]
  factgraph apikey revoke [-db ...] ID`

// runAPIKey manages API keys: factgraph apikey create|revoke|list. Keys are
// managed here, with direct access to the database, rather than through the
// API, so a leaked key can never mint or revoke others.
func runAPIKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &usageError{err: errors.New("apikey: missing command: create, list or revoke"), usage: apiKeyUsage + "\n"}
	}
	cmd, args := args[0], args[1:]
	var (
		o    options
		role string
		name string
	)
	fs := flag.NewFlagSet("factgraph apikey "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), apiKeyUsage)
		fs.PrintDefaults()
	}
	o.register(fs)
	switch cmd {
	case "create":
		fs.StringVar(&role, "role", "", "what the key may do: reader (queries), editor (also ingest) or admin (everything)")
		fs.StringVar(&name, "name", "", "who or what the key is for, shown when listing keys")
	case "list", "revoke":
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, apiKeyUsage)
		return nil
	default:
		return &usageError{err: fmt.Errorf("apikey: unknown command %q: want create, list or revoke", cmd), usage: apiKeyUsage + "\n"}
	}
	pos, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}

	var id int64
	switch {
	case cmd == "revoke" && len(pos) != 1:
		return usageErrorf(fs, "apikey revoke: give exactly one key ID (see factgraph apikey list)")
	case cmd == "revoke":
		if id, err = strconv.ParseInt(pos[0], 10, 64); err != nil || id <= 0 {
			return usageErrorf(fs, "apikey revoke: %q is not a key ID (see factgraph apikey list)", pos[0])
		}
	case len(pos) > 0:
		return usageErrorf(fs, "apikey %s: unexpected argument %q", cmd, pos[0])
	}
	var r auth.Role
	if cmd == "create" {
		if role == "" {
			return usageErrorf(fs, "apikey create: the -role flag is required: reader, editor or admin")
		}
		if r, err = auth.ParseRole(role); err != nil {
			return usageErrorf(fs, "apikey create: -role: %s", domain.ErrorMessage(err))
		}
		if strings.TrimSpace(name) == "" {
			return usageErrorf(fs, "apikey create: the -name flag is required: a key needs a name, to tell keys apart when listing or revoking them")
		}
	}

	store, log, err := o.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	keys := auth.NewKeys(store, log)

	switch cmd {
	case "create":
		secret, key, err := keys.Create(ctx, name, r)
		if err != nil {
			return fmt.Errorf("apikey create: %s", userMessage(err))
		}
		// The secret alone goes to stdout, so scripts can capture it.
		fmt.Fprintln(stdout, secret)
		fmt.Fprintf(stderr, "created API key %d %q with role %s; the secret above is shown only once, store it now.\n"+
			"Clients send it as the header: Authorization: Bearer <secret>\n", key.ID, key.Name, key.Role)
	case "revoke":
		return revokeKey(ctx, keys, id, stdout)
	case "list":
		list, err := keys.List(ctx)
		if err != nil {
			return err
		}
		printKeys(stdout, list)
	}
	return nil
}

// revokeKey revokes key id. A key revoked before stays as it was, and the
// operator is told when that happened rather than shown the old time as if
// it were now.
func revokeKey(ctx context.Context, keys *auth.Keys, id int64, stdout io.Writer) error {
	list, err := keys.List(ctx)
	if err != nil {
		return fmt.Errorf("apikey revoke: %w", err)
	}
	for _, k := range list {
		if k.ID == id && k.RevokedAt != nil {
			fmt.Fprintf(stdout, "API key %d %q (%s) was revoked before, at %s; nothing changed\n", k.ID, k.Name, k.Role, k.RevokedAt.Format(time.RFC3339))
			return nil
		}
	}
	key, err := keys.Revoke(ctx, id)
	if err != nil {
		return fmt.Errorf("apikey revoke: %s", userMessage(err))
	}
	fmt.Fprintf(stdout, "revoked API key %d %q (%s) at %s\n", key.ID, key.Name, key.Role, key.RevokedAt.Format(time.RFC3339))
	return nil
}

// parseInterspersed parses flags wherever they appear among the positional
// arguments, so "revoke 3 -db x.db" works like "revoke -db x.db 3".
func parseInterspersed(fs *flag.FlagSet, args []string, help io.Writer) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args, help); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// userMessage is what the operator sees of err: the message of a domain
// error (a bad name, an unknown ID), else the whole chain, which on the
// command line is the operator's own to read.
func userMessage(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return err.Error()
}

// printKeys lists keys as a table. Secrets are never stored, so there is
// nothing secret to print.
func printKeys(w io.Writer, keys []auth.Key) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tLAST USED\tSTATUS")
	for _, k := range keys {
		used, status := "never", "active"
		if k.LastUsedAt != nil {
			used = k.LastUsedAt.Format(time.RFC3339)
		}
		if k.RevokedAt != nil {
			status = "revoked " + k.RevokedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", k.ID, strconv.Quote(k.Name), k.Role, k.CreatedAt.Format(time.RFC3339), used, status)
	}
	_ = tw.Flush()
}
