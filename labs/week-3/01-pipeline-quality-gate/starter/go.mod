module github.com/acme/weather-datasource

go 1.24

require (
	github.com/grafana/grafana-plugin-sdk-go v0.277.0
	github.com/magefile/mage v1.15.0
)
