package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/domain"
)

// The Store keeps the server's API keys.
var _ auth.KeyStore = (*Store)(nil)

// bootstrapLockKey is the Postgres advisory lock that makes "create a key if
// there is none" atomic across replicas starting together.
const bootstrapLockKey = 7_146_052_312

func (r apiKeyRow) toAuth() auth.Key {
	return auth.Key{
		ID: r.ID, Name: r.Name, Role: auth.Role(r.Role), Hash: r.Hash,
		CreatedAt: r.CreatedAt, RevokedAt: r.RevokedAt, LastUsedAt: r.LastUsedAt,
	}
}

// CreateAPIKey implements auth.KeyStore.
func (s *Store) CreateAPIKey(ctx context.Context, name string, role auth.Role, hash string) (auth.Key, error) {
	row := apiKeyRow{Name: name, Role: string(role), Hash: hash, CreatedAt: now()}
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return auth.Key{}, wrapErr("create api key", err)
	}
	return row.toAuth(), nil
}

// BootstrapAPIKey implements auth.KeyStore. The check and the insert share
// one transaction: SQLite takes the write lock when it begins (the store opens
// it with immediate transactions) and Postgres takes an advisory lock, so
// two servers starting at once cannot both create a key.
func (s *Store) BootstrapAPIKey(ctx context.Context, name string, role auth.Role, hash string) (auth.Key, bool, error) {
	var (
		row     apiKeyRow
		created bool
	)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if s.dialect == dialectPostgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", bootstrapLockKey).Error; err != nil {
				return err
			}
		}
		// An active key if there is one, else the last one revoked: a
		// database whose keys were all revoked gets no new key, since
		// someone revoked them on purpose.
		err := tx.Order("revoked_at IS NOT NULL, revoked_at DESC, id").Take(&row).Error
		if err == nil {
			return nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		row = apiKeyRow{Name: name, Role: string(role), Hash: hash, CreatedAt: now()}
		created = true
		return tx.Create(&row).Error
	})
	if err != nil {
		return auth.Key{}, false, wrapErr("bootstrap api key", err)
	}
	return row.toAuth(), created, nil
}

// APIKeyByHash implements auth.KeyStore.
func (s *Store) APIKeyByHash(ctx context.Context, hash string) (auth.Key, error) {
	var row apiKeyRow
	err := s.db.WithContext(ctx).Where("hash = ?", hash).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return auth.Key{}, wrapErr("api key by hash", domain.Errorf(domain.ENOTFOUND, "API key not found"))
	}
	if err != nil {
		return auth.Key{}, wrapErr("api key by hash", err)
	}
	return row.toAuth(), nil
}

// TouchAPIKey implements auth.KeyStore.
func (s *Store) TouchAPIKey(ctx context.Context, id int64, at time.Time) error {
	at = at.UTC().Truncate(time.Microsecond)
	err := s.db.WithContext(ctx).Model(&apiKeyRow{}).Where("id = ?", id).Update("last_used_at", at).Error
	return wrapErr("touch api key", err)
}

// RevokeAPIKey implements auth.KeyStore.
func (s *Store) RevokeAPIKey(ctx context.Context, id int64) (auth.Key, error) {
	var row apiKeyRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("revoked_at IS NULL AND id = ?", id).Model(&apiKeyRow{}).Update("revoked_at", now()).Error; err != nil {
			return err
		}
		err := tx.Where("id = ?", id).Take(&row).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return domain.Errorf(domain.ENOTFOUND, "there is no API key %d", id)
		}
		return err
	})
	if err != nil {
		return auth.Key{}, wrapErr(fmt.Sprintf("revoke api key %d", id), err)
	}
	return row.toAuth(), nil
}

// ListAPIKeys implements auth.KeyStore.
func (s *Store) ListAPIKeys(ctx context.Context) ([]auth.Key, error) {
	var rows []apiKeyRow
	if err := s.db.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, wrapErr("list api keys", err)
	}
	keys := make([]auth.Key, len(rows))
	for i, r := range rows {
		keys[i] = r.toAuth()
	}
	return keys, nil
}
