package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
)

// Revision names the analysis rules in code. Raise it with every change to
// the pipeline's behaviour that is not a word list edit, so that stored
// articles show as analysed by older rules and `factgraph reanalyze` picks
// them up.
const Revision = 29

// Version identifies the analysis as it is built into this binary: the
// code revision and a digest of the embedded word lists, which change far
// more often than the code. Stored articles carry the version that
// analysed them.
func Version() string { return versionOnce() }

// Version is the package Version, as a method so that callers can depend
// on an interface rather than on this package.
func (p *Pipeline) Version() string { return Version() }

var versionOnce = sync.OnceValue(func() string {
	h := sha256.New()
	for _, s := range []string{lexiconText, gazetteerText, framesText} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "a" + strconv.Itoa(Revision) + "-" + hex.EncodeToString(h.Sum(nil))[:10]
})
