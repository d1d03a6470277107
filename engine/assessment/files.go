package assessment

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// cleanRel cleans a slash-separated path written in the file and reports
// whether it stays inside the assessment directory. Containment is decided
// on the text, before touching the file system, so that "../x" is refused
// whether or not it exists.
func cleanRel(p string) (string, bool) {
	if p == "" || path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" || strings.HasPrefix(p, `\`) {
		return "", false
	}
	c := path.Clean(p)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	// The same test in the platform's own form catches `..\x` on Windows.
	if fc := filepath.Clean(filepath.FromSlash(p)); fc == ".." || strings.HasPrefix(fc, ".."+string(filepath.Separator)) {
		return "", false
	}
	return c, true
}

// inside reports whether the file at abs, with symlinks resolved, lies in
// the assessment directory, and where it resolves to.
func (l *loader) inside(abs string) (resolved string, ok bool) {
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return abs, true // the caller's Stat has reported what is wrong
	}
	rel, err := filepath.Rel(l.realDir, resolved)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return resolved, false
	}
	return resolved, true
}

// insideExisting is inside for a path that may not exist yet: its
// nearest existing ancestor, links resolved, must lie in the assessment
// directory.
func (l *loader) insideExisting(abs string) (resolved string, ok bool) {
	p := abs
	for {
		if _, err := os.Lstat(p); err == nil {
			return l.inside(p)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs, true
		}
		p = parent
	}
}

// matchFiles expands a source's patterns into absolute, sorted, unique
// regular files, reporting each pattern that is malformed, escapes the
// assessment directory or matches nothing.
func (l *loader) matchFiles(patterns []string, rngs []hcl.Range) []string {
	fsys := os.DirFS(l.dir)
	seen := map[string]bool{}
	files := []string{}
	for i, p := range patterns {
		rng := rngs[i]
		c, ok := cleanRel(p)
		if !ok {
			if p == "" {
				l.errorf(rng, "Empty file pattern", "A file pattern must name files relative to the assessment directory, like \"evidence/*.csv\"; remove the empty one.")
				continue
			}
			l.errorf(rng, "Path escapes the assessment directory",
				"The pattern %q reaches outside %s. Evidence must live under the assessment directory; copy the files in and write a relative pattern like \"evidence/*.csv\".", p, l.dir)
			continue
		}
		matches, err := glob(fsys, c)
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			l.errorf(rng, "Cannot read directory",
				"The pattern %q reaches %s, which cannot be read (%v); its evidence would be left out. Fix its permissions, or narrow the pattern.", p, pe.Path, pe.Err)
			continue
		}
		if err != nil {
			l.errorf(rng, "Malformed file pattern",
				"The pattern %q is not a valid glob (%v); check its brackets and escapes. Patterns use *, ?, [a-z] and ** for any number of directories.", p, err)
			continue
		}
		n, bad := 0, false
		for _, m := range matches {
			abs := filepath.Join(l.dir, filepath.FromSlash(m))
			info, err := os.Stat(abs)
			if err != nil {
				l.errorf(rng, "Cannot read matched file", "The pattern %q matches %s, which cannot be read: %v. Fix or remove the file, or narrow the pattern.", p, m, err)
				bad = true
				continue
			}
			if info.IsDir() {
				if !hasMeta(c) {
					l.errorf(rng, "Directory, not a file",
						"The path %q is a directory; name the evidence files in it, like %q.", p, path.Join(c, "*"))
					bad = true
				}
				continue
			}
			if !info.Mode().IsRegular() {
				l.errorf(rng, "Not a regular file", "The pattern %q matches %s, which is not a regular file; narrow the pattern to evidence files.", p, m)
				bad = true
				continue
			}
			if resolved, ok := l.inside(abs); !ok {
				l.errorf(rng, "File outside the assessment directory",
					"The pattern %q matches %s, a link to %s outside %s. Evidence must live under the assessment directory; copy the file in instead of linking to it.", p, m, resolved, l.dir)
				bad = true
				continue
			}
			n++
			if !seen[abs] {
				seen[abs] = true
				files = append(files, abs)
			}
		}
		if len(matches) == 0 && !hasMeta(c) {
			// A plain path to a file that is not there: the assessment is
			// fine, the evidence is missing. Keep the path so the collector
			// reports it as an evidence error (exit 3), and warn here.
			abs := filepath.Join(l.dir, filepath.FromSlash(c))
			l.warnf(rng, "Evidence file missing",
				"There is no file %s; the assessment cannot run until it is there. Add the file or fix the path.", abs)
			if !seen[abs] {
				seen[abs] = true
				files = append(files, abs)
			}
			continue
		}
		if n == 0 && !bad {
			l.errorf(rng, fmt.Sprintf("No file matches %q", p),
				"No file under %s matches %q; check the path and the extension, or remove the pattern.", l.dir, p)
		}
	}
	slices.Sort(files)
	return files
}

// policyDirs checks the policy directories and returns them absolute,
// sorted and unique.
func (l *loader) policyDirs(paths []string, rngs []hcl.Range) []string {
	var dirs []string
	for i, p := range paths {
		rng := rngs[i]
		c, ok := cleanRel(p)
		if !ok {
			l.errorf(rng, "Path escapes the assessment directory",
				"The policy path %q must be a directory under %s, written relative to it, like \"policies\"; move the policies in and fix the path.", p, l.dir)
			continue
		}
		abs := filepath.Join(l.dir, filepath.FromSlash(c))
		if l.opts.Sealed {
			dirs = append(dirs, abs)
			continue
		}
		info, err := os.Stat(abs)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.errorf(rng, "Policy directory not found", "There is no directory %s; create it or fix the path.", abs)
			continue
		case err != nil:
			l.errorf(rng, "Cannot read policy directory", "Reading %s failed: %v; fix its permissions or the path.", abs, err)
			continue
		case !info.IsDir():
			l.errorf(rng, "Policy path is not a directory", "%s is a file; name the directory that holds the .rego files instead.", abs)
			continue
		}
		if resolved, ok := l.inside(abs); !ok {
			l.errorf(rng, "Path escapes the assessment directory",
				"The policy path %q is a link to %s, outside %s; copy the policies in instead of linking to them.", p, resolved, l.dir)
			continue
		}
		// A link inside the directory may lead out of it: every policy
		// file must be under the assessment directory once resolved.
		_ = filepath.WalkDir(abs, func(f string, e fs.DirEntry, err error) error {
			if err != nil || e.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if resolved, ok := l.inside(f); !ok {
				rel, _ := filepath.Rel(l.dir, f)
				l.errorf(rng, "Policy file outside the assessment directory",
					"The policy path %q holds %s, a link to %s outside %s; copy the file in instead of linking to it.", p, filepath.ToSlash(rel), resolved, l.dir)
			}
			return nil
		})
		dirs = append(dirs, abs)
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

// policyFiles checks the files of policy packs or their key (what names
// them in errors) and returns them absolute.
func (l *loader) policyFiles(paths []string, rngs []hcl.Range, what string) []string {
	var files []string
	for i, p := range paths {
		rng := rngs[i]
		c, ok := cleanRel(p)
		if !ok {
			l.errorf(rng, "Path escapes the assessment directory",
				"The %s %q must be a file under %s, written relative to it, like \"packs/ot-extra.tar.gz\"; move it in and fix the path.", what, p, l.dir)
			continue
		}
		abs := filepath.Join(l.dir, filepath.FromSlash(c))
		if l.opts.Sealed {
			files = append(files, abs)
			continue
		}
		info, err := os.Stat(abs)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.errorf(rng, "File not found", "There is no %s %s; create it or fix the path.", what, abs)
			continue
		case err != nil:
			l.errorf(rng, "Cannot read file", "Reading the %s %s failed: %v; fix its permissions or the path.", what, abs, err)
			continue
		case info.IsDir():
			l.errorf(rng, "Path is a directory", "The %s %s is a directory; name the file instead.", what, abs)
			continue
		}
		if resolved, ok := l.inside(abs); !ok {
			l.errorf(rng, "Path escapes the assessment directory",
				"The %s %q is a link to %s, outside %s; copy it in instead of linking to it.", what, p, resolved, l.dir)
			continue
		}
		files = append(files, abs)
	}
	return files
}

// glob is fs.Glob with one addition: a "**" path element matches any
// number of directories, so "configs/**/*.cfg" finds every .cfg file below
// configs. Symlinked directories are not followed by "**".
func glob(fsys fs.FS, pattern string) ([]string, error) {
	elems := strings.Split(pattern, "/")
	if !slices.Contains(elems, "**") {
		return fs.Glob(fsys, pattern)
	}
	root := 0
	for _, e := range elems {
		if e == "**" {
			continue
		}
		if _, err := path.Match(e, ""); err != nil {
			return nil, err
		}
	}
	for root < len(elems) && elems[root] != "**" && !hasMeta(elems[root]) {
		root++
	}
	start := "."
	if root > 0 {
		start = path.Join(elems[:root]...)
	}
	var out []string
	err := fs.WalkDir(fsys, start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == start {
				return fs.SkipAll // no such directory: no matches
			}
			// An unreadable subdirectory would hide its evidence: it
			// is an error, never a silent skip.
			return &fs.PathError{Op: "read directory", Path: p, Err: errors.Unwrap(err)}
		}
		if p != "." && matchElems(elems, strings.Split(p, "/")) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[\`) }

// matchElems matches path elements against pattern elements where "**"
// stands for zero or more elements. It backtracks to the last "**" only,
// which is enough for a single wildcard kind and keeps it O(len×len).
func matchElems(pat, name []string) bool {
	pi, ni := 0, 0
	starP, starN := -1, 0
	for ni < len(name) {
		if pi < len(pat) && pat[pi] == "**" {
			starP, starN = pi, ni
			pi++
			continue
		}
		if pi < len(pat) {
			if ok, _ := path.Match(pat[pi], name[ni]); ok {
				pi++
				ni++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starN++
		pi, ni = starP+1, starN
	}
	for pi < len(pat) && pat[pi] == "**" {
		pi++
	}
	return pi == len(pat)
}
