#include "zoomqos/cli/app.hpp"

// zoomqos-exporter: what `zoomqos exporter` runs (app.hpp).
int main(int argc, char** argv) {
    return zoomqos::cli::run_exporter(argc, argv);
}
