package fetch

import (
	"strings"
)

// robots is a parsed robots.txt (RFC 9309), reduced to the rules of the
// group that applies to one crawler: that crawler's own groups when the
// file has any, else the groups for every crawler ("*").
type robots struct {
	rules []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
}

// robotsMaxBytes is how much of a robots.txt is read: RFC 9309 asks
// crawlers to parse at least 500 KiB.
const robotsMaxBytes = 512 << 10

// parseRobots reads the rules of robots.txt text for the crawler whose
// product token is agent (matched case-insensitively, as the RFC asks).
// It never fails: lines it does not understand are skipped, as crawlers
// must.
func parseRobots(text, agent string) *robots {
	agent = strings.ToLower(agent)
	var own, any []robotsRule
	var ownSeen bool
	var groupAgents []string
	inRules := false
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if inRules {
				groupAgents, inRules = nil, false
			}
			token, _, _ := strings.Cut(strings.ToLower(value), "/")
			token = strings.TrimSpace(token)
			ownSeen = ownSeen || token == agent
			groupAgents = append(groupAgents, token)
		case "allow", "disallow":
			inRules = true
			if len(groupAgents) == 0 || value == "" {
				// Rules outside any group, and an empty rule (which
				// matches nothing), change nothing.
				continue
			}
			r := robotsRule{allow: key == "allow", pattern: value}
			for _, a := range groupAgents {
				switch a {
				case agent:
					own = append(own, r)
				case "*":
					any = append(any, r)
				}
			}
		}
	}
	if ownSeen {
		return &robots{rules: own}
	}
	return &robots{rules: any}
}

// allowed reports whether path (the URL's escaped path and query) may be
// fetched: the longest matching rule decides, an allow winning a tie, and
// a path no rule matches is allowed. /robots.txt itself is always allowed.
func (r *robots) allowed(path string) bool {
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch reports whether path begins with pattern, where * in pattern
// stands for any run of characters and a final $ anchors it at the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	// The first part must be a prefix.
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return true
}
