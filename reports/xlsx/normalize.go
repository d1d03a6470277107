package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
)

// contentTypeEntry matches one Default or Override element of
// [Content_Types].xml, which excelize writes in map order.
var contentTypeEntry = regexp.MustCompile(`<(Default|Override)\b[^>]*?(/>|></(Default|Override)>)`)

// normalize rewrites a zip so that equal content gives equal bytes:
// entries sorted by name, every timestamp set to mod, and the entries of
// [Content_Types].xml sorted.
func normalize(raw []byte, mod time.Time) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fmt.Errorf("read workbook zip: %w", err)
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return cmp.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		if f.Name != contentTypes {
			// Parts whose bytes excelize writes deterministically are
			// copied still compressed, with the fixed time: no second
			// inflate/deflate pass over large sheets.
			if err := copyRaw(zw, f, mod); err != nil {
				return nil, fmt.Errorf("normalise %s: %w", f.Name, err)
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return nil, err
		}
		if err := copyEntry(w, f); err != nil {
			return nil, fmt.Errorf("normalise %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

const contentTypes = "[Content_Types].xml"

// copyRaw copies one entry's compressed bytes under a header that keeps
// only what identifies the content (name, method, CRC, sizes) and the
// fixed modification time.
func copyRaw(zw *zip.Writer, f *zip.File, mod time.Time) error {
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: f.Name, Method: f.Method, Modified: mod, CRC32: f.CRC32,
		CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64,
	})
	if err != nil {
		return err
	}
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// copyEntry rewrites the content types part with its entries sorted.
func copyEntry(w io.Writer, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return err
	}
	_, err = w.Write(sortContentTypes(data))
	return err
}

// sortContentTypes orders the Default elements, then the Override
// elements, each by their text.
func sortContentTypes(data []byte) []byte {
	s := string(data)
	locs := contentTypeEntry.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return data
	}
	entries := make([]string, len(locs))
	for i, l := range locs {
		entries[i] = s[l[0]:l[1]]
	}
	slices.SortFunc(entries, func(a, b string) int {
		return cmp.Or(cmp.Compare(kindRank(a), kindRank(b)), strings.Compare(a, b))
	})
	return []byte(s[:locs[0][0]] + strings.Join(entries, "") + s[locs[len(locs)-1][1]:])
}

func kindRank(entry string) int {
	if strings.HasPrefix(entry, "<Default") {
		return 0
	}
	return 1
}
