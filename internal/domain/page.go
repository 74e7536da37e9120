package domain

// Cursor marks a position in a sorted list: the value of the sort column
// (empty when the list sorts by ID alone) and the ID that breaks ties. Lists
// page by keyset, so a page stays stable while new articles arrive.
type Cursor struct {
	Sort string
	ID   int64
}

// PageRequest asks for First items after the position After (nil: from the
// start), and for the total number of items when Count is set: counting
// costs as much as the filter matches, so only pages whose total is shown
// pay for it.
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
	// Total is the number of items of the whole list, when the request
	// asked for it (zero otherwise).
	Total       int
	HasNext     bool
	HasPrevious bool
}
