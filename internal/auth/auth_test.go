package auth

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
)

func TestRoles(t *testing.T) {
	cases := []struct {
		have, need Role
		want       bool
	}{
		{RoleReader, RoleReader, true},
		{RoleReader, RoleEditor, false},
		{RoleEditor, RoleReader, true},
		{RoleEditor, RoleEditor, true},
		{RoleEditor, RoleAdmin, false},
		{RoleAdmin, RoleEditor, true},
		{"", RoleReader, false},
		{"root", RoleReader, false},
		{RoleAdmin, "root", false},
	}
	for _, c := range cases {
		if got := c.have.Includes(c.need); got != c.want {
			t.Errorf("%q includes %q = %t, want %t", c.have, c.need, got, c.want)
		}
	}
	if _, err := ParseRole("Editor"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("ParseRole(Editor) err %v, want invalid", err)
	}
	if r, err := ParseRole("admin"); err != nil || r != RoleAdmin {
		t.Errorf("ParseRole(admin) = %q, %v", r, err)
	}
	if _, err := ParseMode("some"); err == nil {
		t.Error("ParseMode(some) succeeded")
	}
}

func TestAuthorize(t *testing.T) {
	anon := Anonymous("192.0.2.1")
	key := func(r Role) Principal { return Principal{KeyID: 7, Role: r} }
	bad := domain.Errorf(domain.EUNAUTHENTICATED, "invalid or revoked API key")
	cases := []struct {
		name    string
		mode    Mode
		op      Operation
		p       Principal
		credErr error
		want    string
	}{
		{"off ignores everything", ModeOff, Write, anon, bad, ""},
		{"writes: anonymous read", ModeWrites, Read, anon, nil, ""},
		{"writes: anonymous write", ModeWrites, Write, anon, nil, domain.EUNAUTHENTICATED},
		{"writes: reader write", ModeWrites, Write, key(RoleReader), nil, domain.EFORBIDDEN},
		{"writes: editor write", ModeWrites, Write, key(RoleEditor), nil, ""},
		{"writes: admin write", ModeWrites, Write, key(RoleAdmin), nil, ""},
		{"writes: bad key read", ModeWrites, Read, anon, bad, domain.EUNAUTHENTICATED},
		{"all: anonymous read", ModeAll, Read, anon, nil, domain.EUNAUTHENTICATED},
		{"all: reader read", ModeAll, Read, key(RoleReader), nil, ""},
		{"all: reader write", ModeAll, Write, key(RoleReader), nil, domain.EFORBIDDEN},
		{"all: unknown role", ModeAll, Read, key("root"), nil, domain.EFORBIDDEN},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Authorize(c.mode, c.op, c.p, c.credErr)
			if got := domain.ErrorCode(err); got != c.want {
				t.Fatalf("code %q (%v), want %q", got, err, c.want)
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	a, ha, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewSecret()
	if a == b || ha == hb {
		t.Fatal("two secrets are equal")
	}
	if !strings.HasPrefix(a, SecretPrefix) || len(a) != secretLen || !wellFormed(a) {
		t.Fatalf("secret %q is not well formed", a)
	}
	if HashSecret(a) != ha || len(ha) != 64 || strings.Contains(ha, a) {
		t.Fatalf("hash %q of %q", ha, a)
	}
	for _, s := range []string{"", "fgk_", "abc", SecretPrefix + strings.Repeat("!", 43), strings.Replace(a, "fgk_", "xyz_", 1)} {
		if wellFormed(s) {
			t.Errorf("%q passes as a secret", s)
		}
	}
	for in, want := range map[string]string{"Bearer abc": "abc", "bearer  abc ": "abc", "BEARER abc": "abc", "Basic abc": "", "Bearer": "", "abc": ""} {
		got, ok := BearerToken(in)
		if got != want || ok != (want != "") {
			t.Errorf("BearerToken(%q) = %q, %t", in, got, ok)
		}
	}
}

// memKeys is a KeyStore in memory.
type memKeys struct {
	mu      sync.Mutex
	keys    []Key
	touches int
	fail    error
}

func (m *memKeys) CreateAPIKey(_ context.Context, name string, role Role, hash string) (Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := Key{ID: int64(len(m.keys) + 1), Name: name, Role: role, Hash: hash, CreatedAt: time.Now()}
	m.keys = append(m.keys, k)
	return k, nil
}

func (m *memKeys) BootstrapAPIKey(ctx context.Context, name string, role Role, hash string) (Key, bool, error) {
	m.mu.Lock()
	for _, k := range m.keys {
		if k.Active() {
			m.mu.Unlock()
			return k, false, nil
		}
	}
	if n := len(m.keys); n > 0 {
		m.mu.Unlock()
		return m.keys[n-1], false, nil
	}
	m.mu.Unlock()
	k, err := m.CreateAPIKey(ctx, name, role, hash)
	return k, err == nil, err
}

func (m *memKeys) APIKeyByHash(_ context.Context, hash string) (Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return Key{}, m.fail
	}
	for _, k := range m.keys {
		if k.Hash == hash {
			return k, nil
		}
	}
	return Key{}, domain.Errorf(domain.ENOTFOUND, "no key")
}

func (m *memKeys) TouchAPIKey(_ context.Context, id int64, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.touches++
	m.keys[id-1].LastUsedAt = &at
	return nil
}

func (m *memKeys) RevokeAPIKey(_ context.Context, id int64) (Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id < 1 || int(id) > len(m.keys) {
		return Key{}, domain.Errorf(domain.ENOTFOUND, "no key %d", id)
	}
	if m.keys[id-1].RevokedAt == nil {
		now := time.Now()
		m.keys[id-1].RevokedAt = &now
	}
	return m.keys[id-1], nil
}

func (m *memKeys) ListAPIKeys(context.Context) ([]Key, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Key(nil), m.keys...), nil
}

func TestAuthenticate(t *testing.T) {
	ctx := context.Background()
	store := &memKeys{}
	keys := NewKeys(store, nil)
	secret, key, err := keys.Create(ctx, "newsroom", RoleEditor)
	if err != nil {
		t.Fatal(err)
	}
	if key.Hash == "" || strings.Contains(key.Hash, secret) {
		t.Fatalf("stored hash %q", key.Hash)
	}

	p, err := keys.Authenticate(ctx, "Bearer "+secret, "192.0.2.9")
	if err != nil || p.KeyID != key.ID || p.Role != RoleEditor || p.IP != "192.0.2.9" || p.Anonymous() {
		t.Fatalf("good key: %+v, %v", p, err)
	}
	if strings.Contains(p.String(), secret) {
		t.Fatal("principal prints its secret")
	}
	// Last use is recorded, but not on every request.
	if _, err := keys.Authenticate(ctx, "Bearer "+secret, "192.0.2.9"); err != nil {
		t.Fatal(err)
	}
	if store.touches != 1 {
		t.Fatalf("touched %d times, want 1", store.touches)
	}
	keys.now = func() time.Time { return time.Now().Add(2 * touchEvery) }
	if _, err := keys.Authenticate(ctx, "Bearer "+secret, ""); err != nil || store.touches != 2 {
		t.Fatalf("after a while: touches %d, %v", store.touches, err)
	}

	p, err = keys.Authenticate(ctx, "", "192.0.2.9")
	if err != nil || !p.Anonymous() || p.IP != "192.0.2.9" {
		t.Fatalf("no header: %+v, %v", p, err)
	}
	other, _, _ := NewSecret()
	for _, h := range []string{"Bearer " + other, "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer " + secret + "x"} {
		p, err := keys.Authenticate(ctx, h, "192.0.2.9")
		if domain.ErrorCode(err) != domain.EUNAUTHENTICATED || !p.Anonymous() || p.IP != "192.0.2.9" {
			t.Errorf("%q: %+v, %v", h, p, err)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("error %q repeats the secret", err)
		}
	}

	// A connection's principal notices revocation.
	conn, _ := keys.Authenticate(ctx, "Bearer "+secret, "")
	conn = conn.ForConnection()
	if q, err := keys.Recheck(ctx, conn); err != nil || q.KeyID != key.ID || !q.Lasting() {
		t.Fatalf("recheck: %+v, %v", q, err)
	}
	if _, err := keys.Revoke(ctx, key.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := keys.Recheck(ctx, conn); domain.ErrorCode(err) != domain.EUNAUTHENTICATED {
		t.Fatalf("recheck after revoke: %v", err)
	}
	if _, err := keys.Authenticate(ctx, "Bearer "+secret, ""); domain.ErrorCode(err) != domain.EUNAUTHENTICATED {
		t.Fatalf("revoked key: %v", err)
	}

	// A failing database is not the client's fault.
	s2, _, _ := keys.Create(ctx, "other", RoleReader)
	store.fail = errors.New("database down")
	if _, err := keys.Authenticate(ctx, "Bearer "+s2, ""); err == nil || domain.ErrorCode(err) != domain.EINTERNAL {
		t.Fatalf("database down: %v", err)
	}
}

func TestCreateValidates(t *testing.T) {
	keys := NewKeys(&memKeys{}, nil)
	for _, c := range []struct {
		name string
		role Role
	}{{"", RoleReader}, {"  ", RoleReader}, {"x", "root"}, {"a\nb", RoleReader}, {strings.Repeat("n", maxNameLen+1), RoleReader}} {
		if _, _, err := keys.Create(context.Background(), c.name, c.role); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("Create(%q, %q): %v, want invalid", c.name, c.role, err)
		}
	}
}

func TestBootstrapOnce(t *testing.T) {
	ctx := context.Background()
	store := &memKeys{}
	keys := NewKeys(store, nil)
	secret, key, created, err := keys.Bootstrap(ctx)
	if err != nil || !created || key.Role != RoleAdmin || !wellFormed(secret) {
		t.Fatalf("first: %q %+v %t %v", secret, key, created, err)
	}
	secret, _, created, err = keys.Bootstrap(ctx)
	if err != nil || created || secret != "" {
		t.Fatalf("second: %q %t %v", secret, created, err)
	}
	var sb strings.Builder
	if err := WriteBootstrapNotice(&sb, "fgk_SECRET", key); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), `{"Authorization": "Bearer fgk_SECRET"}`) || !strings.Contains(sb.String(), "Headers tab") {
		t.Fatalf("notice:\n%s", sb.String())
	}
}
