package model

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/factgraph/factgraph/internal/domain"
)

// FederationEntity is a member of the federation union _Entity: any domain
// type that carries a @key. The generated type switch decides which GraphQL
// type a value is.
type FederationEntity any

// MarshalRepresentation writes an entity representation (the scalar _Any)
// as a JSON object.
func MarshalRepresentation(m map[string]any) graphql.Marshaler {
	return graphql.MarshalMap(m)
}

// UnmarshalRepresentation reads an entity representation. Anything but an
// object is the client's mistake, so it is a BAD_USER_INPUT error.
func UnmarshalRepresentation(v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "an entity representation must be an object with __typename and id, got %T", v)
	}
	return m, nil
}
