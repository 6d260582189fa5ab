module github.com/datasource-lab/lab-upstream-datasource

go 1.23

require (
	github.com/grafana/grafana-plugin-sdk-go v0.250.0
	github.com/stretchr/testify v1.9.0
)
