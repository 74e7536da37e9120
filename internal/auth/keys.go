package auth

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
)

// KeyStore keeps API keys. The database implements it; the interface lets
// this package stay free of storage details.
type KeyStore interface {
	// CreateAPIKey stores a new key with the given secret hash.
	CreateAPIKey(ctx context.Context, name string, role Role, hash string) (Key, error)
	// BootstrapAPIKey stores a new key only when no key was ever stored,
	// in one transaction, so replicas starting together create one key at
	// most. Otherwise created is false and k is an active key, or the key
	// revoked last when every key is revoked.
	BootstrapAPIKey(ctx context.Context, name string, role Role, hash string) (k Key, created bool, err error)
	// APIKeyByHash finds a key, revoked or not, by its secret hash; a
	// domain ENOTFOUND error when there is none.
	APIKeyByHash(ctx context.Context, hash string) (Key, error)
	// TouchAPIKey records when a key was last used.
	TouchAPIKey(ctx context.Context, id int64, at time.Time) error
	// RevokeAPIKey revokes a key for good; revoking twice keeps the first
	// time. ENOTFOUND when there is no such key.
	RevokeAPIKey(ctx context.Context, id int64) (Key, error)
	// ListAPIKeys returns every key, revoked ones too, oldest first.
	ListAPIKeys(ctx context.Context) ([]Key, error)
}

// touchEvery bounds how often one key's last use is written: once a minute
// is precise enough to see which keys are in use, and keeps a busy key from
// turning every read into a write.
const touchEvery = time.Minute

// maxNameLen bounds a key's name, which is free text shown in listings.
const maxNameLen = 200

// BootstrapName is the name of the key made on first start.
const BootstrapName = "bootstrap"

// errBadKey is the one answer to every unusable key: unknown, malformed and
// revoked look alike, so the answer tells an attacker nothing.
var errBadKey = domain.Errorf(domain.EUNAUTHENTICATED, "invalid or revoked API key")

// Keys authenticates secrets against a KeyStore and manages keys on behalf
// of the server and the command line, so both create secrets the same way.
type Keys struct {
	store KeyStore
	log   *slog.Logger
	now   func() time.Time
}

// NewKeys returns a Keys over store; log receives failures to record a key's
// last use, which never fail a request.
func NewKeys(store KeyStore, log *slog.Logger) *Keys {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Keys{store: store, log: log, now: time.Now}
}

// Authenticate turns an Authorization value into a principal. An empty value
// is anonymous; anything else must be "Bearer <active key>", or the result is
// an anonymous principal (with ip, for budgets) and an EUNAUTHENTICATED
// error. A failing database gives a non-domain error, reported as internal.
func (k *Keys) Authenticate(ctx context.Context, authorization, ip string) (Principal, error) {
	anon := Anonymous(ip)
	if strings.TrimSpace(authorization) == "" {
		return anon, nil
	}
	secret, ok := BearerToken(authorization)
	if !ok {
		return anon, domain.Errorf(domain.EUNAUTHENTICATED, "the Authorization header must be \"Bearer <API key>\"")
	}
	if !wellFormed(secret) {
		return anon, errBadKey
	}
	p, err := k.byHash(ctx, HashSecret(secret))
	if err != nil {
		return anon, err
	}
	p.IP = ip
	return p, nil
}

// Recheck confirms that a principal established earlier (for a connection)
// still holds an active key, so revoking a key also stops the operations an
// open WebSocket sends afterwards.
func (k *Keys) Recheck(ctx context.Context, p Principal) (Principal, error) {
	if p.Anonymous() {
		return p, nil
	}
	q, err := k.byHash(ctx, p.hash)
	if err != nil {
		return Anonymous(p.IP), err
	}
	q.IP, q.lasting = p.IP, p.lasting
	return q, nil
}

func (k *Keys) byHash(ctx context.Context, hash string) (Principal, error) {
	key, err := k.store.APIKeyByHash(ctx, hash)
	switch {
	case domain.ErrorCode(err) == domain.ENOTFOUND:
		return Principal{}, errBadKey
	case err != nil:
		return Principal{}, fmt.Errorf("auth: look up key: %w", err)
	case !hashesEqual(key.Hash, hash), !key.Active(), !key.Role.Valid():
		return Principal{}, errBadKey
	}
	now := k.now().UTC()
	if key.LastUsedAt == nil || now.Sub(*key.LastUsedAt) >= touchEvery {
		if err := k.store.TouchAPIKey(ctx, key.ID, now); err != nil {
			k.log.WarnContext(ctx, "could not record API key use", "key_id", key.ID, "err", err)
		}
	}
	return Principal{KeyID: key.ID, Name: key.Name, Role: key.Role, hash: hash}, nil
}

// Create makes a key and returns its secret, which exists nowhere else
// afterwards: the caller must show it to the owner once and forget it.
func (k *Keys) Create(ctx context.Context, name string, role Role) (secret string, key Key, err error) {
	if err := validName(name); err != nil {
		return "", Key{}, err
	}
	if !role.Valid() {
		return "", Key{}, domain.Errorf(domain.EINVALID, "unknown role %q: want reader, editor or admin", role)
	}
	secret, hash, err := NewSecret()
	if err != nil {
		return "", Key{}, err
	}
	key, err = k.store.CreateAPIKey(ctx, strings.TrimSpace(name), role, hash)
	if err != nil {
		return "", Key{}, fmt.Errorf("auth: create key: %w", err)
	}
	return secret, key, nil
}

// Bootstrap makes an admin key when no key was ever made, so a fresh server
// that needs keys for writing can be used at once. created is false (and
// secret empty) when a key existed already; key is then an active key, or
// a revoked one when every key is revoked (which Bootstrap leaves so: the
// keys were revoked on purpose).
func (k *Keys) Bootstrap(ctx context.Context) (secret string, key Key, created bool, err error) {
	secret, hash, err := NewSecret()
	if err != nil {
		return "", Key{}, false, err
	}
	key, created, err = k.store.BootstrapAPIKey(ctx, BootstrapName, RoleAdmin, hash)
	if err != nil {
		return "", Key{}, false, fmt.Errorf("auth: bootstrap key: %w", err)
	}
	if !created {
		return "", key, false, nil
	}
	return secret, key, true, nil
}

// Revoke revokes the key with the given id.
func (k *Keys) Revoke(ctx context.Context, id int64) (Key, error) {
	key, err := k.store.RevokeAPIKey(ctx, id)
	if err != nil {
		return Key{}, fmt.Errorf("auth: revoke key %d: %w", id, err)
	}
	return key, nil
}

// List returns every key, revoked ones too, oldest first.
func (k *Keys) List(ctx context.Context) ([]Key, error) {
	keys, err := k.store.ListAPIKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("auth: list keys: %w", err)
	}
	return keys, nil
}

func validName(name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return domain.Errorf(domain.EINVALID, "a key needs a name (-name), to tell keys apart when listing or revoking them")
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxNameLen:
		return domain.Errorf(domain.EINVALID, "a key name must be valid UTF-8 of at most %d characters", maxNameLen)
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return domain.Errorf(domain.EINVALID, "a key name must not contain control characters")
	}
	return nil
}

// WriteBootstrapNotice tells the operator the secret of a key made on first
// start, and how to use it in the playground. It is the only place a secret
// is ever printed by the server, and it happens once.
func WriteBootstrapNotice(w io.Writer, secret string, key Key) error {
	_, err := fmt.Fprintf(w, `
================================================================================
factgraph: no API key had ever been created, so an admin key was created
(id %d, name %q).
It is printed only this once; store it somewhere safe now:

    %s

To ingest from the playground, paste this into GraphiQL's Headers tab
(below the query editor):

    {"Authorization": "Bearer %s"}

Other clients send the HTTP header "Authorization: Bearer <key>". Manage keys
with "factgraph apikey create|list|revoke"; "-auth off" turns keys off.
================================================================================

`, key.ID, key.Name, secret, secret)
	if err != nil {
		return fmt.Errorf("auth: print bootstrap key: %w", err)
	}
	return nil
}

// WriteAllRevokedNotice tells the operator that every key is revoked, so
// nothing that needs a key can run until one is made, and how to make one.
// A server never mints a key in that case: whoever revoked them meant it.
func WriteAllRevokedNotice(w io.Writer, last Key) error {
	_, err := fmt.Fprintf(w, `
================================================================================
factgraph: every API key of this database has been revoked, the last one
(id %d) at %s.
No new key was created, so requests that need a key are refused.
Make one with:

    factgraph apikey create -role admin -name NAME -db <this database>
================================================================================

`, last.ID, revokedAt(last))
	if err != nil {
		return fmt.Errorf("auth: print revoked notice: %w", err)
	}
	return nil
}

func revokedAt(k Key) string {
	if k.RevokedAt == nil {
		return "an unknown time"
	}
	return k.RevokedAt.UTC().Format(time.RFC3339)
}
