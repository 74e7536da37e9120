package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// command is one subcommand of factgraph.
type command struct {
	name string
	// synopsis is what follows the name in help: flags and arguments.
	synopsis string
	summary  string
	run      func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands are the subcommands. run dispatches on these names and help
// lists them in this order, so no command can exist without being shown.
var commands = []command{
	{"ingest", "[flags] FILE...", "store and analyse articles from JSON files (- reads standard input)", runIngest},
	{"ingest-url", "[flags] URL...", "fetch web pages and store and analyse their articles", runIngestURL},
	{"reanalyze", "[flags]", "re-run analysis and story grouping over the stored articles", runReanalyze},
	{"apikey", "create|list|revoke [flags]", "create, list or revoke the API keys clients send", runAPIKey},
	{"feeds", "add|list|remove [flags] [URL...]", "subscribe to news feeds, list them with their polling state, or remove them", runFeeds},
	{"bench", "[flags]", "generate synthetic news and measure bulk ingest rate, database size and memory", runBench},
}

// findCommand returns the subcommand called name, or nil.
func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// usageError is a mistake in how factgraph was called: an unknown command
// or flag, a bad flag value, a missing or stray argument. The process exits
// 2 for it, as command-line tools do, before anything is written, and shows
// how to call it right.
type usageError struct {
	err error
	// usage is printed after the error: what to type instead.
	usage string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usageErrorf makes a usageError pointing at the help of fs's command.
func usageErrorf(fs *flag.FlagSet, format string, a ...any) error {
	return &usageError{err: fmt.Errorf(format, a...), usage: helpHint(fs)}
}

func helpHint(fs *flag.FlagSet) string {
	return fmt.Sprintf("Run '%s -h' for help.\n", fs.Name())
}

// exitCode reports err on w and says how the process ends: 0 on success
// and when help was asked for, 2 for a usage mistake, 1 for any other
// failure.
func exitCode(err error, w io.Writer) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(w, "factgraph:", ue.err)
		fmt.Fprint(w, ue.usage)
		return 2
	}
	fmt.Fprintln(w, "factgraph:", err)
	return 1
}

// commandFlags makes the flag set of a command whose help is usage, then
// its flags.
func commandFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args into fs. Help (-h, -help) goes to help, which is
// standard output, and yields flag.ErrHelp; a mistake yields a usageError
// that names it once, instead of the flag package's message and the whole
// flag list on standard error.
func parseFlags(fs *flag.FlagSet, args []string, help io.Writer) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	defer fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(help)
		fs.Usage()
		return flag.ErrHelp
	case err != nil:
		return &usageError{err: err, usage: helpHint(fs)}
	}
	return nil
}

// commandList writes the synopsis of the server and of every command.
func commandList(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "  factgraph [flags]\tserve the API: GraphiQL at /, GraphQL at /query")
	for _, c := range commands {
		fmt.Fprintf(tw, "  factgraph %s %s\t%s\n", c.name, c.synopsis, c.summary)
	}
	fmt.Fprintln(tw, "  factgraph help [COMMAND]\tshow this help, or a command's")
	_ = tw.Flush()
}

// serveHelp is the help of factgraph itself: every command, then the
// server's flags.
func serveHelp(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintln(w, "factgraph serves a GraphQL API over analysed news articles and manages its database.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	commandList(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'factgraph COMMAND -h' for the flags of a command. Flags of the server:")
	fs.PrintDefaults()
}

// unknownCommand is the error for a first argument that names no command.
func unknownCommand(name string) error {
	var b strings.Builder
	b.WriteString("Usage:\n")
	commandList(&b)
	b.WriteString("Run 'factgraph -h' for the server's flags.\n")
	return &usageError{err: fmt.Errorf("unknown command %q", name), usage: b.String()}
}

// runHelp answers "factgraph help [COMMAND]" on standard output.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer, serveFlags *flag.FlagSet) error {
	switch {
	case len(args) == 0:
		serveFlags.SetOutput(stdout)
		serveHelp(serveFlags)
		return nil
	case len(args) > 1:
		return usageErrorf(serveFlags, "help takes at most one command, got %q", args)
	}
	c := findCommand(args[0])
	if c == nil {
		return unknownCommand(args[0])
	}
	err := c.run(ctx, []string{"-h"}, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
