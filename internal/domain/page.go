package domain

// Cursor marks a position in a sorted list: the value of the sort column
// (empty when the list sorts by ID alone) and the ID that breaks ties. Lists
// page by keyset, so a page stays stable while new articles arrive.
type Cursor struct {
	Sort string
	ID   int64
}

// CountBound is the most items a list's total counts. Counting costs as
// much as the filter matches; stopping at the bound keeps the cost of a
// page with its total independent of the store's size. Beyond it a total
// says "at least CountBound" (Page.TotalExact is false).
const CountBound = 1000

// PageRequest asks for First items after the position After (nil: from the
// start), and for the total number of items, up to CountBound, when Count
// is set: counting costs as much as the filter matches, so only pages
// whose total is shown pay for it.
type PageRequest struct {
	First int
	After *Cursor
	Count bool
}

// Page is one page of a list, with the cursor of each item.
type Page[T any] struct {
	Items []T
	// Cursors[i] is the position of Items[i].
	Cursors []Cursor
	// Total is the number of items of the whole list, at most
	// CountBound, when the request asked for it (zero otherwise).
	Total int
	// TotalExact is false when more than CountBound items match and
	// Total stops at CountBound.
	TotalExact  bool
	HasNext     bool
	HasPrevious bool
}
