package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

// identities writes the identity provider's CSV export of users: every
// user of the directory, a fifth of them in an OT group (half of those
// through the OT VPN), every twenty-fifth an administrator, and a few
// dozen breaking an identity check (as in engine's BenchmarkScale).
func (s *site) identities(dir string) (int, error) {
	f, err := os.Create(filepath.Join(dir, "evidence", "identity", "idp-users.csv"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	cw := csv.NewWriter(bw)
	if err := cw.Write([]string{"Username", "Display Name", "Groups", "Admin", "VPN Profile", "MFA Enforced", "MFA Methods", "Last Login"}); err != nil {
		return 0, err
	}
	for n := range s.size.Users {
		user, name := fmt.Sprintf("user%05d", n), fmt.Sprintf("User %05d", n)
		groups, admin, vpn, enforced, methods := "Staff", "no", "", "yes", "Authenticator app"
		if n%5 == 0 { // OT users, half of them remote
			groups += "|" + otGroups[n/5%len(otGroups)].name
			if n%10 == 0 {
				vpn = "OT-VPN"
			}
		}
		if n%25 == 1 {
			admin = "yes"
		}
		switch {
		case n%50 == 10: // remote_access_mfa: a remote OT user without MFA
			enforced, methods = "no", ""
		case n%100 == 26: // privileged_mfa: an administrator without MFA
			enforced, methods = "no", ""
		case n%100 == 51: // weak_methods: an administrator who may use SMS
			methods = "SMS"
		case n%100 == 15: // shared_accounts: a generic operator account
			user, name = fmt.Sprintf("operator%d", n), "Operator (shared)"
		}
		if err := cw.Write([]string{user, name, groups, admin, vpn, enforced, methods, fmt.Sprintf("2026-10-%02d", n%28+1)}); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return s.size.Users, f.Close()
}
