package auth

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestBudget(t *testing.T) {
	b := NewBudget(600, 60, 100) // 10 and 1 units per second
	clock := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	b.now = func() time.Time { return clock }
	anon := With(context.Background(), Anonymous("192.0.2.1"), nil)
	key := With(context.Background(), Principal{KeyID: 1, Role: RoleReader, IP: "192.0.2.1"}, nil)

	left, wait, ok := b.Take(anon, 50)
	if !ok || left != 10 || wait != 0 {
		t.Fatalf("first take: %d %v %t", left, wait, ok)
	}
	left, wait, ok = b.Take(anon, 20)
	if ok || left != 10 || wait != 10*time.Second {
		t.Fatalf("over budget: %d %v %t, want refused with 10 left and 10s wait", left, wait, ok)
	}
	// A refusal charges nothing: the 10 left are still there.
	if left, _, ok = b.Take(anon, 10); !ok || left != 0 {
		t.Fatalf("after refusal: %d %t", left, ok)
	}
	// Keys have their own bucket, even from the same address.
	if left, _, ok = b.Take(key, 500); !ok || left != 100 {
		t.Fatalf("key: %d %t", left, ok)
	}
	// The bucket refills with time.
	clock = clock.Add(20 * time.Second)
	if left, _, ok = b.Take(anon, 20); !ok || left != 0 {
		t.Fatalf("after refill: %d %t", left, ok)
	}
	// A cost above the whole budget runs on a full bucket and empties it.
	clock = clock.Add(time.Minute)
	if left, _, ok = b.Take(anon, 1000); !ok || left != 0 {
		t.Fatalf("huge cost on a full bucket: %d %t", left, ok)
	}
	if _, wait, ok = b.Take(anon, 1000); ok || wait != time.Minute {
		t.Fatalf("huge cost on an empty bucket: %v %t", wait, ok)
	}
}

func TestBudgetUnlimited(t *testing.T) {
	var none *Budget
	if left, _, ok := none.Take(context.Background(), 1e9); !ok || left != -1 {
		t.Fatal("nil budget refused")
	}
	if NewBudget(0, 0, 0) != nil {
		t.Fatal("a budget without rates is not nil")
	}
	keysOnly := NewBudget(10, 0, 0)
	anon := With(context.Background(), Anonymous("192.0.2.1"), nil)
	for range 100 {
		if _, _, ok := keysOnly.Take(anon, 10); !ok {
			t.Fatal("anonymous callers were limited with no anonymous rate")
		}
	}
}

func TestBudgetGroupsIPv6(t *testing.T) {
	b := NewBudget(60, 60, 10)
	at := func(ip string) context.Context { return With(context.Background(), Anonymous(ip), nil) }
	if _, _, ok := b.Take(at("2001:db8:1:2::1"), 60); !ok {
		t.Fatal("first take refused")
	}
	if _, _, ok := b.Take(at("2001:db8:1:2::ffff"), 1); ok {
		t.Fatal("another address of the same /64 got a fresh bucket")
	}
	if _, _, ok := b.Take(at("2001:db8:1:3::1"), 1); !ok {
		t.Fatal("another /64 shares the bucket")
	}
	if _, _, ok := b.Take(at("::ffff:192.0.2.1"), 60); !ok {
		t.Fatal("mapped IPv4 refused")
	}
	if _, _, ok := b.Take(at("192.0.2.1"), 1); ok {
		t.Fatal("mapped and plain IPv4 are different callers")
	}
}

func TestBudgetMemoryIsBounded(t *testing.T) {
	b := NewBudget(60, 60, 50)
	clock := time.Now()
	b.now = func() time.Time { return clock }
	for i := range 1000 {
		b.Take(With(context.Background(), Anonymous(fmt.Sprintf("10.0.%d.%d", i/256, i%256)), nil), 1)
	}
	if n := b.Len(); n != 50 {
		t.Fatalf("%d buckets, want the bound of 50", n)
	}
	// Idle buckets are dropped as new callers arrive.
	clock = clock.Add(2 * time.Minute)
	b.Take(With(context.Background(), Anonymous("192.0.2.1"), nil), 1)
	if n := b.Len(); n != 1 {
		t.Fatalf("%d buckets after everyone went idle, want 1", n)
	}
	// The most recently used caller keeps its bucket under pressure.
	busy := With(context.Background(), Anonymous("192.0.2.1"), nil)
	b.Take(busy, 59)
	for i := range 48 {
		b.Take(With(context.Background(), Anonymous(fmt.Sprintf("10.1.0.%d", i)), nil), 1)
		b.Take(busy, 0)
	}
	if _, _, ok := b.Take(busy, 5); ok {
		t.Fatal("the busy caller's bucket was evicted and refilled")
	}
}
