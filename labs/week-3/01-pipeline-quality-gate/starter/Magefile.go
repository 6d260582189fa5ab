//go:build mage
// +build mage

package main

import (
	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
)

// Default builds the backend binaries for every platform Grafana runs on.
// Other targets come from the SDK's build package, e.g.:
//   mage coverage   runs go test over ./pkg/... with a cover profile (no -race)
//   mage lint       runs golangci-lint
var Default = build.BuildAll
