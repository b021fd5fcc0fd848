#pragma once

#include <string>

#include "zoomqos/errors.hpp"
#include "zoomqos/exporter/budget.hpp"

#include "glance.hpp"
#include "options.hpp"
#include "streams.hpp"

// `zoomqos exporter` in two parts. Its options (exporter.cpp) are in every
// program, for --help, completions and config keys. What serves them
// (exporter_serve.cpp: the poll loop, prometheus-cpp, civetweb) is linked
// only into zoomqos-exporter, to which zoomqos hands the command over
// (handover.hpp), so that no other command loads the Prometheus libraries.
namespace zoomqos::cli {

struct ExporterOptions {
    std::string listen = "127.0.0.1:9464";
    double interval_seconds = 60;
    bool meeting = false;
    std::string events = "live";
    long daily_budget = exporter::kDefaultDailyBudget;
    GlanceOptions glance; // --thresholds only
    PacingOptions pacing;
    ConnectionOptions connection;
};

// Serves GET /metrics from polls of Zoom until SIGTERM or SIGINT.
Status serve_exporter(const ExporterOptions& options, const Streams& streams);

} // namespace zoomqos::cli
