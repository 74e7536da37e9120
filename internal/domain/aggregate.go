package domain

// Aggregate sums up the statuses of every statement about one claim. It lives
// in the domain, not in storage, because it is the meaning of DISPUTED that
// the contract defines: some sources confirm or claim it, others deny it.
//
// Without a denial, the strongest support wins: CONFIRMED over CLAIMED over
// UNCONFIRMED. Denials alone give DENIED. An empty set is UNCONFIRMED.
func Aggregate(statuses []Status) Status {
	var confirmed, claimed, denied bool
	for _, s := range statuses {
		switch s {
		case Confirmed:
			confirmed = true
		case Claimed:
			claimed = true
		case Denied:
			denied = true
		case Disputed:
			return Disputed
		}
	}
	switch {
	case denied && (confirmed || claimed):
		return Disputed
	case confirmed:
		return Confirmed
	case claimed:
		return Claimed
	case denied:
		// Denied by some and at most hedged by others: nobody stands
		// behind it, so the denial is the firmest word.
		return Denied
	}
	return Unconfirmed
}
