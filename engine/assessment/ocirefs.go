package assessment

import (
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/hashicorp/hcl/v2"
)

// policyRefs checks the OCI references of policy packs (what names them
// is the policies block's oci attribute) and returns them without an
// "oci://" prefix, sorted and once each. Only the form is checked: the
// registry is asked when the policies load. A reference must name its
// registry and be pinned by digest: a tag can be moved to other bytes, and
// a run must name the exact pack its checks came from.
func (l *loader) policyRefs(refs []string, rngs []hcl.Range) []string {
	var out []string
	for i, r := range refs {
		s := strings.TrimPrefix(strings.TrimSpace(r), "oci://")
		host, _, _ := strings.Cut(s, "/")
		if !strings.Contains(s, "/") || !strings.ContainsAny(host, ".:") && host != "localhost" {
			l.errorf(rngs[i], "Invalid OCI reference",
				"The policy pack %q does not name its registry; write it as REGISTRY/REPOSITORY@sha256:DIGEST, like \"registry.example.com/packs/ot-extra@sha256:…\".", r)
			continue
		}
		if !strings.Contains(s, "@") {
			repo := s
			if t, err := name.NewTag(s); err == nil {
				repo = t.Context().Name()
			}
			l.errorf(rngs[i], "Policy pack not pinned by digest",
				"The policy pack %q is named by tag, which can be moved to other bytes; pin it by digest, like \"%s@sha256:…\" ('slate policy push' and 'slate policy pull' print the pinned reference).", r, repo)
			continue
		}
		if _, err := name.NewDigest(s); err != nil {
			l.errorf(rngs[i], "Invalid OCI reference",
				"The policy pack %q is not a reference pinned by digest (%v); write it as REGISTRY/REPOSITORY@sha256:DIGEST with the 64 hex digits 'slate policy push' prints.", r, err)
			continue
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
