package domain

import "testing"

func TestAggregate(t *testing.T) {
	tests := []struct {
		name string
		in   []Status
		want Status
	}{
		{"empty", nil, Unconfirmed},
		{"one claim", []Status{Claimed}, Claimed},
		{"confirm beats claim", []Status{Claimed, Confirmed}, Confirmed},
		{"claim beats hedge", []Status{Unconfirmed, Claimed}, Claimed},
		{"denials only", []Status{Denied, Denied}, Denied},
		{"denied and unconfirmed", []Status{Unconfirmed, Denied}, Denied},
		{"confirmed and denied", []Status{Confirmed, Denied}, Disputed},
		{"seed: confirmed, denied, yet to confirm", []Status{Unconfirmed, Confirmed, Denied, Denied, Unconfirmed}, Disputed},
		{"claimed and denied", []Status{Denied, Claimed}, Disputed},
		{"hedges only", []Status{Unconfirmed, Unconfirmed}, Unconfirmed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Aggregate(tt.in); got != tt.want {
				t.Errorf("Aggregate(%v) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}
