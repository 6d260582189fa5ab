// Package plugin is the sample "Lab Metrics" data source written with the Grafana
// plugin SDK for Go. It does what handler.ts does; read them side by side.
package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// MetricQuery is the query model: the JSON the query editor saves (see query.ts).
type MetricQuery struct {
	Metric      string `json:"metric"`
	Aggregation string `json:"aggregation"`
	Legend      string `json:"legend"`
}

var (
	aggregations = []string{"avg", "sum", "min", "max"}
	metricName   = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
)

// Datasource is one configured instance: the URL from its settings, the key
// from its decrypted secure settings, and an HTTP client made for it.
type Datasource struct {
	url    string
	apiKey string
	client *http.Client
}

// NewDatasource builds an instance from its settings. Grafana calls it when the data
// source is first used and again whenever its settings change.
func NewDatasource(_ context.Context, settings backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	return &Datasource{
		url:    settings.URL,
		apiKey: settings.DecryptedSecureJSONData["apiKey"],
		client: &http.Client{Timeout: 30 * time.Second},
	}, nil
}

// QueryData runs every query of the request; each gets its own response.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	for _, q := range req.Queries {
		resp.Responses[q.RefID] = d.query(ctx, q)
	}
	return resp, nil
}

func (d *Datasource) query(ctx context.Context, q backend.DataQuery) backend.DataResponse {
	qm, err := parseQuery(q.JSON)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusBadRequest, err.Error())
	}

	params := url.Values{}
	params.Set("query", fmt.Sprintf("%s(%s)", qm.Aggregation, qm.Metric))
	params.Set("start", strconv.FormatInt(q.TimeRange.From.Unix(), 10))
	params.Set("end", strconv.FormatInt(q.TimeRange.To.Unix(), 10))
	params.Set("step", strconv.FormatInt(max(1, int64(q.Interval/time.Second)), 10))

	httpReq, err := http.NewRequestWithContext(ctx, http.MethodGet, d.url+"/api/v1/query_range?"+params.Encode(), nil)
	if err != nil {
		return backend.ErrDataResponse(backend.StatusInternal, "Could not build the request to the metrics API.")
	}
	httpReq.Header.Set("Authorization", "Bearer "+d.apiKey)
	res, err := d.client.Do(httpReq)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourceDownstream, "The metrics API did not answer in time. Try a shorter time range.")
		}
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, "Could not reach the metrics API. Check the URL in the data source settings.")
	}
	defer res.Body.Close()

	if res.StatusCode/100 != 2 {
		category, status, message := categorize(res.StatusCode, res.Header.Get("Retry-After"))
		log.DefaultLogger.Warn("upstream refused the query", "refId", q.RefID, "status", res.StatusCode, "category", category)
		return backend.ErrDataResponseWithSource(status, backend.ErrorSourceDownstream, message)
	}

	var body struct {
		Data struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
				Values [][2]any          `json:"values"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadGateway, backend.ErrorSourceDownstream, "The metrics API sent a response that could not be read.")
	}

	var resp backend.DataResponse
	for _, series := range body.Data.Result {
		resp.Frames = append(resp.Frames, toFrame(qm, series.Metric, series.Values, q.RefID))
	}
	return resp
}

// parseQuery turns DataQuery.JSON into a MetricQuery, or an error that names what is wrong.
func parseQuery(raw json.RawMessage) (MetricQuery, error) {
	qm := MetricQuery{Aggregation: "avg"}
	if err := json.Unmarshal(raw, &qm); err != nil {
		return qm, errors.New("The query is not valid JSON. Open it in the query editor and save it again.")
	}
	if !metricName.MatchString(qm.Metric) {
		return qm, errors.New("Invalid query: metric must be a metric name such as cpu_usage_percent")
	}
	if !slices.Contains(aggregations, qm.Aggregation) {
		return qm, fmt.Errorf("Invalid query: aggregation must be one of %s", strings.Join(aggregations, ", "))
	}
	return qm, nil
}

// categorize names the failure class of an upstream status, the Grafana status to
// report, and a message the user can act on. The SDK has no categories of its own:
// the category goes to logs and metrics, the status to Grafana.
func categorize(status int, retryAfter string) (string, backend.Status, string) {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return "auth", backend.StatusUnauthorized, "The metrics API rejected the API key. Check the key in the data source settings."
	case status == http.StatusTooManyRequests:
		return "rate_limit", backend.StatusTooManyRequests, "The metrics API is rate limiting requests. Try again in " + retryAfter + " seconds."
	case status >= 500:
		return "upstream", backend.StatusBadGateway, fmt.Sprintf("The metrics API answered with HTTP %d. Try again later.", status)
	default:
		return "upstream", backend.StatusBadGateway, fmt.Sprintf("The metrics API refused the query (HTTP %d).", status)
	}
}

// toFrame turns one series into one frame: a time field and a value field
// carrying the series' labels.
func toFrame(qm MetricQuery, labels map[string]string, values [][2]any, refID string) *data.Frame {
	times := make([]time.Time, 0, len(values))
	numbers := make([]float64, 0, len(values))
	for _, point := range values {
		seconds, _ := point[0].(float64)
		text, _ := point[1].(string)
		number, _ := strconv.ParseFloat(text, 64)
		times = append(times, time.Unix(int64(seconds), 0))
		numbers = append(numbers, number)
	}
	delete(labels, "__name__")

	name := qm.Legend
	if name == "" {
		name = qm.Metric
	}
	frame := data.NewFrame(name,
		data.NewField(data.TimeSeriesTimeFieldName, nil, times),
		data.NewField(data.TimeSeriesValueFieldName, data.Labels(labels), numbers),
	)
	frame.RefID = refID
	frame.SetMeta(&data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}})
	return frame
}
