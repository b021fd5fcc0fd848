#include "zoomqos/cli/app.hpp"

int main(int argc, char** argv) {
    return zoomqos::cli::run(argc, argv);
}
