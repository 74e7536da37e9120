package server

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/99designs/gqlgen/graphql/playground"
)

// The versions of the playground's npm packages. They must match what
// -playground-assets holds, and gqlgen's defaults for the CDN.
const (
	graphiqlVersion = "4.1.2"
	reactVersion    = "18.2.0"
)

// playgroundFiles are the files the GraphiQL page loads, relative to the
// folder of their npm package.
var playgroundFiles = map[string]string{
	"graphiql/graphiql.min.js":                  "graphiql",
	"graphiql/graphiql.min.css":                 "graphiql",
	"react/umd/react.production.min.js":         "react",
	"react-dom/umd/react-dom.production.min.js": "react-dom",
}

// playgroundHandler serves GraphiQL. With no assets folder it loads the
// page's scripts from the CDN gqlgen uses; with one, from this server, so it
// works without internet.
func playgroundHandler(assets string) (http.Handler, error) {
	if assets == "" {
		return playground.Handler("factgraph", "/query"), nil
	}
	if _, err := assetRoot(assets); err != nil {
		return nil, err
	}
	const base = "/playground-assets/"
	return playground.Handler("factgraph", "/query",
		playground.WithGraphiqlVersion(base+"graphiql/graphiql.min.js", base+"graphiql/graphiql.min.css", "", ""),
		playground.WithGraphiqlReactVersion(base+"react/umd/react.production.min.js", base+"react-dom/umd/react-dom.production.min.js", "", ""),
		playground.WithGraphiqlEnablePluginExplorer(false),
	), nil
}

// assetRoot finds the folder that holds the npm packages: the folder itself
// or its node_modules, as `npm install` in that folder leaves them. Every
// file the page needs must be there, so a wrong path fails at start, not in
// the user's browser.
func assetRoot(dir string) (string, error) {
	for _, root := range []string{filepath.Join(dir, "node_modules"), dir} {
		missing := ""
		for f := range playgroundFiles {
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil {
				missing = f
				break
			}
		}
		if missing == "" {
			return root, nil
		}
	}
	return "", fmt.Errorf("playground assets: %s holds no graphiql@%s, react@%s and react-dom@%s (looked for graphiql/graphiql.min.js in it and in its node_modules)", dir, graphiqlVersion, reactVersion, reactVersion)
}

// assetServer serves only the playground's own files from the assets
// folder, never a listing or anything else that happens to be there.
func assetServer(dir string) http.Handler {
	root, err := assetRoot(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := playgroundFiles[r.URL.Path]; !ok || err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		http.ServeFile(w, r, filepath.Join(root, filepath.FromSlash(r.URL.Path)))
	})
}
