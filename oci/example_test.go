package oci_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/registry"

	"github.com/slate-ot/slate/engine"
	"github.com/slate-ot/slate/oci"
)

// A policy pack pushed to a registry (here an in-memory one on
// 127.0.0.1) and pulled back by the digest the push returned.
func ExampleOptions_PushPack() {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")

	dir, _ := os.MkdirTemp("", "pack")
	defer os.RemoveAll(dir)
	_ = os.WriteFile(filepath.Join(dir, "backups.rego"), []byte(check), 0o644)
	pack, err := engine.BuildPack(dir, nil)
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	var o oci.Options // the docker config's credentials; HTTP to loopback
	d, err := o.PushPack(ctx, host+"/packs/ot-extra:1.0", pack)
	if err != nil {
		log.Fatal(err)
	}
	pulled, _, err := o.PullPack(ctx, d.String())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(d.DigestStr(), "sha256:"), bytes.Equal(pulled, pack))
	// Output: true true
}
