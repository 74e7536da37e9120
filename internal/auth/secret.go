package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// SecretPrefix starts every secret, so that a leaked key is recognisable by
// secret scanners and by people, and so that other tokens are refused
// without a database lookup.
const SecretPrefix = "fgk_"

// secretBytes is the entropy of a secret: 256 bits, far beyond guessing,
// which is why a plain SHA-256 is enough to store it.
const secretBytes = 32

// secretLen is the length of every secret: the prefix and 32 bytes in
// unpadded base64url.
var secretLen = len(SecretPrefix) + base64.RawURLEncoding.EncodedLen(secretBytes)

// NewSecret makes a fresh secret and its hash. The secret is shown to its
// owner once; only the hash is stored.
func NewSecret() (secret, hash string, err error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: make secret: %w", err)
	}
	secret = SecretPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret), nil
}

// HashSecret returns the hex SHA-256 of a secret, the form keys are stored
// and looked up by.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// wellFormed reports whether s looks like a secret this package made, so that
// junk is refused before it reaches the database.
func wellFormed(s string) bool {
	if len(s) != secretLen || !strings.HasPrefix(s, SecretPrefix) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s[len(SecretPrefix):])
	return err == nil
}

// hashesEqual compares two hashes in constant time, so that a comparison
// never reveals how much of a hash matched.
func hashesEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// BearerToken extracts the token of an Authorization value "Bearer <token>"
// (the scheme is case-insensitive, as HTTP requires). ok is false for any
// other form.
func BearerToken(authorization string) (token string, ok bool) {
	scheme, token, found := strings.Cut(strings.TrimSpace(authorization), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
