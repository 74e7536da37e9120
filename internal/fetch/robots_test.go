package fetch

import "testing"

func TestRobotsRules(t *testing.T) {
	const txt = `# comment
User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Disallow: /search?

User-Agent: FactGraph/1.0
User-agent: anotherbot
Disallow: /drafts/   # not yet published
Allow: /drafts/public
Disallow: /tmp*/cache
Disallow:
`
	own := parseRobots(txt, "factgraph")
	star := parseRobots(txt, "somebot")
	cases := []struct {
		r    *robots
		path string
		want bool
	}{
		{own, "/news/today", true},
		{own, "/drafts/story", false},
		{own, "/drafts/public/story", true},
		{own, "/private/x", true}, // the group for factgraph replaces "*"
		{own, "/tmp42/cache/x", false},
		{own, "/tmp42/other", true},
		{own, "/robots.txt", true},
		{star, "/private/x", false},
		{star, "/private/open/y", true},
		{star, "/report.pdf", false},
		{star, "/report.pdf?download=1", true},
		{star, "/search?q=x", false},
		{star, "/search", true},
		{star, "/drafts/story", true},
		{parseRobots("", "factgraph"), "/anything", true},
		{parseRobots("User-agent: *\nDisallow: /\n", "factgraph"), "/anything", false},
		{parseRobots("Disallow: /\n", "factgraph"), "/anything", true}, // no group
		{parseRobots("User-agent: *\nDisallow: /a\nAllow: /a\n", "factgraph"), "/a", true},
		{parseRobots("user-agent: factgraph\nDISALLOW: /x$\n", "factgraph"), "/x", false},
		{parseRobots("user-agent: factgraph\nDISALLOW: /x$\n", "factgraph"), "/xy", true},
	}
	for _, c := range cases {
		if got := c.r.allowed(c.path); got != c.want {
			t.Errorf("allowed(%q) = %v, want %v (rules %+v)", c.path, got, c.want, c.r.rules)
		}
	}
}
