// Package auth decides who is calling the API and what they may do. Callers
// present an API key as a bearer token; keys carry one of three roles, and a
// request without a key is anonymous. The package knows nothing about HTTP
// routing or GraphQL execution: the server asks it to authenticate a header
// value, to authorise an operation, and to charge a rate budget, so the same
// rules apply to every transport.
package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
)

// Role is what a key may do. Roles are ordered: each includes the rights of
// the ones before it, so a check only needs the least role an action needs.
type Role string

// The roles, least to most powerful.
const (
	// RoleReader may run queries and subscriptions, for dashboards and
	// read-only integrations.
	RoleReader Role = "reader"
	// RoleEditor may also ingest articles, for newsroom feeds.
	RoleEditor Role = "editor"
	// RoleAdmin may do everything; key management itself happens on the
	// command line, which has direct database access.
	RoleAdmin Role = "admin"
)

// Roles lists every role, least powerful first, for help texts and checks.
var Roles = []Role{RoleReader, RoleEditor, RoleAdmin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether r is one of the known roles, so that a typo in a
// command line or a damaged row never grants anything.
func (r Role) Valid() bool { return r.rank() > 0 }

// Includes reports whether a holder of r may do what need allows. An unknown
// role includes nothing.
func (r Role) Includes(need Role) bool {
	return r.Valid() && need.Valid() && r.rank() >= need.rank()
}

// ParseRole reads a role name as given on the command line.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !r.Valid() {
		return "", domain.Errorf(domain.EINVALID, "unknown role %q: want reader, editor or admin", s)
	}
	return r, nil
}

// Mode is how much of the API needs a key.
type Mode string

// The modes, most open first.
const (
	// ModeOff ignores keys entirely, for local tools and tests.
	ModeOff Mode = "off"
	// ModeWrites leaves reads open and needs an editor key to write: the
	// default, so a public deployment cannot be filled with junk.
	ModeWrites Mode = "writes"
	// ModeAll needs a key for every GraphQL operation, for private
	// deployments.
	ModeAll Mode = "all"
)

// ParseMode reads a mode as given on the command line.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case ModeOff, ModeWrites, ModeAll:
		return m, nil
	}
	return "", fmt.Errorf("unknown auth mode %q: want off, writes or all", s)
}

// Key is a stored API key. It never holds the secret: only its hash, which
// is useless to an attacker because secrets are long random strings.
type Key struct {
	ID   int64
	Name string
	Role Role
	// Hash is the hex SHA-256 of the secret, which is how a presented
	// secret finds its key.
	Hash       string
	CreatedAt  time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// Active reports whether the key may still be used.
func (k Key) Active() bool { return k.RevokedAt == nil }

// Principal is who a request acts as: a key, or anonymous. The client address
// is kept for both, so anonymous callers can be rate limited and every
// caller can be traced in logs.
type Principal struct {
	// KeyID is the key's id; 0 means anonymous.
	KeyID int64
	// Name is the key's name, for logs.
	Name string
	// Role is the key's role; empty when anonymous.
	Role Role
	// IP is the client's address as the server saw it.
	IP string

	// hash lets a long-lived connection check that its key is still
	// active before each operation.
	hash string
	// lasting marks a principal established once for many operations (a
	// WebSocket connection), which must be rechecked per operation.
	lasting bool
}

// Anonymous reports whether the request carries no key.
func (p Principal) Anonymous() bool { return p.KeyID == 0 }

// Lasting reports whether the principal was established for a whole
// connection rather than for one request, so a revoked key must be noticed
// by checking again.
func (p Principal) Lasting() bool { return p.lasting }

// ForConnection marks p as established once for a connection that runs many
// operations.
func (p Principal) ForConnection() Principal {
	p.lasting = true
	return p
}

// String describes the principal for logs, without anything secret.
func (p Principal) String() string {
	if p.Anonymous() {
		return "anonymous@" + p.IP
	}
	return fmt.Sprintf("key:%d(%s)", p.KeyID, p.Role)
}

// Anonymous returns the principal of a request without a key from ip.
func Anonymous(ip string) Principal { return Principal{IP: ip} }

// identity is what the context carries: the principal, and the error of the
// credentials the request presented, if they were bad.
type identity struct {
	p   Principal
	err error
}

type identityKey struct{}

// With returns ctx carrying p and, when the request presented bad
// credentials, err; the principal is then anonymous (with the client's
// address), so budgets still apply, and err is reported when it matters.
func With(ctx context.Context, p Principal, err error) context.Context {
	return context.WithValue(ctx, identityKey{}, identity{p: p, err: err})
}

// FromContext returns the principal of ctx (anonymous without an address if
// none was set) and the error of bad credentials, if any.
func FromContext(ctx context.Context) (Principal, error) {
	id, _ := ctx.Value(identityKey{}).(identity)
	return id.p, id.err
}

// Operation is what an operation does, as far as permissions go.
type Operation int

// The kinds of operation.
const (
	// Read covers queries and subscriptions.
	Read Operation = iota
	// Write covers mutations.
	Write
)

// Authorize decides whether p may run an operation of kind op under mode.
// credErr is the error of bad credentials the request presented: a bad or
// revoked key is refused even where no key is needed, so a client with a
// broken key finds out at once instead of silently running anonymously. The
// error is a domain error: EUNAUTHENTICATED when a (valid) key is missing,
// EFORBIDDEN when the key's role is too small.
func Authorize(mode Mode, op Operation, p Principal, credErr error) error {
	if mode == ModeOff {
		return nil
	}
	if credErr != nil {
		return credErr
	}
	need := RoleReader
	if op == Write {
		need = RoleEditor
	} else if mode != ModeAll {
		return nil
	}
	if p.Anonymous() {
		return domain.Errorf(domain.EUNAUTHENTICATED,
			"this operation needs an API key with role %s or higher: send the header \"Authorization: Bearer <key>\"", need)
	}
	if !p.Role.Includes(need) {
		return domain.Errorf(domain.EFORBIDDEN, "API key %d has role %s; this operation needs %s or higher", p.KeyID, p.Role, need)
	}
	return nil
}
