package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// MaxFileOption is the source option that raises the size limit of the
// collectors that read each input file whole (configurations, identity
// exports, advisories, the KEV catalog), in MiB.
const MaxFileOption = "max_file_mib"

// FileTooLargeError is an input file over the size its collector reads.
type FileTooLargeError struct {
	Size, Limit int64
}

func (e *FileTooLargeError) Error() string {
	return fmt.Sprintf("the file is %d bytes, over the %d MiB this kind of evidence is read up to; if the file is genuine, raise %s on the source", e.Size, e.Limit>>20, MaxFileOption)
}

// WholeOption reads the option name of a source block as a whole number
// of at least least, def when it is not set. Values come from HCL (int,
// int64, float64) or JSON (json.Number).
func WholeOption(in map[string]any, name string, def, least int64) (int64, error) {
	v, ok := in[name]
	if !ok {
		return def, nil
	}
	var n int64
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			return def, fmt.Errorf("option %s must be a whole number, not %s", name, x)
		}
		n = i
	case int:
		n = int64(x)
	case int64:
		n = x
	case float64:
		n = int64(x)
		if float64(n) != x {
			return def, fmt.Errorf("option %s must be a whole number, not %v", name, x)
		}
	default:
		return def, fmt.Errorf("option %s must be a number, not %T", name, v)
	}
	if n < least {
		return def, fmt.Errorf("option %s must be at least %d, not %d", name, least, n)
	}
	return n, nil
}

// FileLimit is the size limit in bytes of src's input files: the source's
// max_file_mib, else defMiB.
func FileLimit(src Source, defMiB int64) (int64, error) {
	mib, err := WholeOption(src.Options, MaxFileOption, defMiB, 1)
	if err != nil {
		return 0, err
	}
	return min(mib, 1<<43) << 20, nil
}

// ReadLimited reads the file at path whole, if it holds at most limit
// bytes, and describes it for provenance as HashFile does. A larger file
// is a *FileTooLargeError, found before it is read.
func ReadLimited(dir, path string, limit int64) (File, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return File{}, nil, err
	}
	if info.IsDir() {
		return File{}, nil, fmt.Errorf("%s is a directory, not a file", RelPath(dir, path))
	}
	if info.Size() > limit {
		return File{}, nil, &FileTooLargeError{Size: info.Size(), Limit: limit}
	}
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return File{}, nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(raw)) > limit { // grew while read
		return File{}, nil, &FileTooLargeError{Size: int64(len(raw)), Limit: limit}
	}
	sum := sha256.Sum256(raw)
	return File{Path: RelPath(dir, path), Size: int64(len(raw)), SHA256: hex.EncodeToString(sum[:])}, raw, nil
}
