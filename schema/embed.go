// Package schema holds the GraphQL schema of the API, one file per type
// family. gqlgen generates the executor from these files, and the server
// embeds them to answer a federation gateway's _service query.
package schema

import "embed"

// FS holds every *.graphqls file of the schema.
//
//go:embed *.graphqls
var FS embed.FS
