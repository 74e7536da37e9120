package domain

import (
	"fmt"
	"io"
	"strconv"
)

// The methods below let gqlgen bind the ConfirmationStatus and EntityKind
// enums straight to the domain types, so resolvers never convert between two
// spellings of the same value. They only use the standard library.

// MarshalGQL writes the status as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value and rejects unknown statuses.
func (s *Status) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || !Status(str).Valid() {
		return fmt.Errorf("%v is not a valid ConfirmationStatus", v)
	}
	*s = Status(str)
	return nil
}

// Valid reports whether k is one of the kinds the contract defines.
func (k EntityKind) Valid() bool {
	switch k {
	case KindCountry, KindPerson, KindOrganization, KindGroup, KindLocation, KindOther:
		return true
	}
	return false
}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k EntityKind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a GraphQL enum value and rejects unknown kinds.
func (k *EntityKind) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || !EntityKind(str).Valid() {
		return fmt.Errorf("%v is not a valid EntityKind", v)
	}
	*k = EntityKind(str)
	return nil
}
