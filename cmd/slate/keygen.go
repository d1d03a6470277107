package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/slate-ot/slate/evidence/attest"
)

// passwordEnv holds the private key's password, as it does for cosign.
const passwordEnv = "COSIGN_PASSWORD"

func newKeygenCmd() *cobra.Command {
	var prefix string
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Write a key pair for signing results (cosign format)",
		Long: `keygen writes PREFIX.key, an ECDSA P-256 private key encrypted with a
password (scrypt + secretbox, PEM "ENCRYPTED SIGSTORE PRIVATE KEY"), and
PREFIX.pub, its public key, as 'cosign generate-key-pair' does: either tool
signs and verifies with keys made by the other. The password is read from
COSIGN_PASSWORD, else asked for twice on the terminal. Existing files are
never overwritten; the private key is never written unencrypted.`,
		Example: `  COSIGN_PASSWORD=… slate keygen
  slate keygen --output-key-prefix keys/plant-a`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			privPath, pubPath := prefix+".key", prefix+".pub"
			for _, p := range []string{privPath, pubPath} {
				if _, err := os.Lstat(p); err == nil {
					return withCode(ExitUsage, fmt.Errorf("%s exists; remove it or choose another --output-key-prefix", p))
				}
			}
			password, err := readPassword(cmd, true)
			if err != nil {
				return err
			}
			privPEM, pubPEM, err := attest.GenerateKeyPair(password)
			if err != nil {
				return err
			}
			if err := writeKeyPair(privPath, privPEM, pubPath, pubPEM); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Private key written to %s\nPublic key written to %s\n", privPath, pubPath)
			return err
		},
	}
	cmd.Flags().StringVar(&prefix, "output-key-prefix", "cosign", "write the keys to PREFIX.key and PREFIX.pub")
	return cmd
}

// writeKeyPair creates both files, failing if either exists, and leaves
// neither behind on error.
func writeKeyPair(privPath string, privPEM []byte, pubPath string, pubPEM []byte) (err error) {
	var created []string
	defer func() {
		if err != nil {
			for _, p := range created {
				os.Remove(p)
			}
		}
	}()
	for _, f := range []struct {
		path string
		data []byte
		mode os.FileMode
	}{{privPath, privPEM, 0o600}, {pubPath, pubPEM, 0o644}} {
		w, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.mode)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return withCode(ExitUsage, fmt.Errorf("%s exists; remove it or choose another --output-key-prefix", f.path))
			}
			return fmt.Errorf("write key: %w", err)
		}
		created = append(created, f.path)
		_, werr := w.Write(f.data)
		if err := errors.Join(werr, w.Sync(), w.Close()); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	return nil
}

// readPassword returns the private key's password: COSIGN_PASSWORD when
// set (even empty, as cosign does), else typed on the terminal, twice when
// confirm is set.
func readPassword(cmd *cobra.Command, confirm bool) ([]byte, error) {
	if pw, ok := os.LookupEnv(passwordEnv); ok {
		return []byte(pw), nil
	}
	in, ok := cmd.InOrStdin().(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return nil, withCode(ExitUsage, fmt.Errorf("no password for the private key: set %s or run in a terminal", passwordEnv))
	}
	prompt := func(w io.Writer, msg string) ([]byte, error) {
		fmt.Fprint(w, msg)
		pw, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(w)
		return pw, err
	}
	pw, err := prompt(cmd.ErrOrStderr(), "Enter password for private key: ")
	if err != nil {
		return nil, fmt.Errorf("read password: %w", err)
	}
	if confirm {
		again, err := prompt(cmd.ErrOrStderr(), "Enter password for private key again: ")
		if err != nil {
			return nil, fmt.Errorf("read password: %w", err)
		}
		if !bytes.Equal(pw, again) {
			return nil, withCode(ExitUsage, errors.New("the passwords do not match"))
		}
	}
	return pw, nil
}
