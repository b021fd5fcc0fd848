#include <string_view>

#include "zoomqos/report/html.hpp"
#include "zoomqos/report/report.hpp"
#include "zoomqos/report/sha256.hpp"

#include "analysis.hpp"
#include "heatmap.hpp"
#include "sections.hpp"

namespace zoomqos::report {

namespace {

// Light and dark schemes through variables; the heat scale (l1-l6) is
// inferno's, light to dark, which stays ordered for every kind of colour
// blindness and in greyscale; the line styles differ by dash as well as by
// colour (Okabe-Ito).
constexpr std::string_view kStyle = R"css(
:root{--bg:#fff;--fg:#1b1b1b;--muted:#666;--rule:#d0d0d0;--card:#f6f6f6;--accent:#b5367a;--track:#e6e6e6;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#141414;--fg:#e8e8e8;--muted:#a0a0a0;--rule:#3a3a3a;--card:#1e1e1e;--accent:#f28cbc;--track:#333}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:1rem 1.5rem;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--rule)}h3{font-size:1rem;margin:.8rem 0 .3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.3rem 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.generated,.note,small{color:var(--muted)}.verdict{font-size:1.1rem;font-weight:600}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.2rem .5rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.2rem 0}
table.sortable th{cursor:pointer;white-space:nowrap}table.sortable th[aria-sort=ascending]::after{content:" \25B2"}table.sortable th[aria-sort=descending]::after{content:" \25BC"}
tr.breach td:first-child{box-shadow:inset 3px 0 var(--accent)}
.scroll{overflow-x:auto}figure{margin:.5rem 0;break-inside:avoid}figcaption{color:var(--muted);font-size:.85rem}
.grid{display:flex;flex-wrap:wrap;gap:1rem}.multiples{display:flex;flex-wrap:wrap;gap:.5rem}
article.person{background:var(--card);padding:.5rem .8rem;margin:.8rem 0;border-radius:4px;break-inside:avoid}
svg.chart{max-width:100%;height:auto;font-size:10px}svg text{fill:var(--fg)}.axis text{fill:var(--muted)}
.grid line,line.grid{stroke:var(--rule);stroke-width:.5}
.thr{stroke:var(--accent);stroke-width:1.2;stroke-dasharray:4 3}
.col{fill:var(--muted)}.col.mark{fill:var(--accent)}.track{fill:var(--track)}
.ln{fill:none;stroke-width:1.4}.dot{stroke:none}
.s0{stroke:#0072b2;fill:#0072b2}.s1{stroke:#e69f00;fill:#e69f00;stroke-dasharray:5 2}.s2{stroke:#009e73;fill:#009e73;stroke-dasharray:1 2}.s3{stroke:#cc79a7;fill:#cc79a7;stroke-dasharray:6 2 1 2}.s4{stroke:#56b4e9;fill:#56b4e9;stroke-dasharray:2 4}.s5{stroke:#d55e00;fill:#d55e00;stroke-dasharray:8 3}
.ln.s0,.ln.s1,.ln.s2,.ln.s3,.ln.s4,.ln.s5{fill:none}
.l0{fill:#c8c8c8}.l1{fill:#fcffa4}.l2{fill:#f6d746}.l3{fill:#fca50a}.l4{fill:#dd513a}.l5{fill:#932667}.l6{fill:#280b53}
span.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;border:1px solid var(--rule)}
span.l0{background:#c8c8c8}span.l1{background:#fcffa4}span.l2{background:#f6d746}span.l3{background:#fca50a}span.l4{background:#dd513a}span.l5{background:#932667}span.l6{background:#280b53}
ul.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
.rowname{font-size:9px}
@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:10pt}section,figure,article.person,table.streams{break-inside:avoid}.scroll{overflow:visible}h2{break-after:avoid}}
)css";

// Sorts the participants table by the clicked heading: numbers by value
// (data-v), unknowns last, text by locale. The page reads fully without it.
constexpr std::string_view kScript =
    R"js((function(){var t=document.getElementById("all");if(!t)return;var b=t.tBodies[0];var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(h,i){h.tabIndex=0;function go(){var d=h.getAttribute("aria-sort")==="ascending"?-1:1;Array.prototype.forEach.call(hs,function(o){o.removeAttribute("aria-sort")});h.setAttribute("aria-sort",d>0?"ascending":"descending");var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i].getAttribute("data-v"),c=y.cells[i].getAttribute("data-v");var na=a===""?NaN:Number(a),nc=c===""?NaN:Number(c);if(a===""||c==="")return a===c?0:(a===""?1:-1);if(!isNaN(na)&&!isNaN(nc))return (na-nc)*d;return a.localeCompare(c)*d});rows.forEach(function(r){b.appendChild(r)})}h.addEventListener("click",go);h.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();go()}})})})();)js";

} // namespace

void write(std::ostream& out, const EventInfo& info,
           const std::vector<model::Participant>& participants, const ReportOptions& options) {
    const Event event = analyse(participants, options.thresholds, options.zone);
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src '"
        << csp_hash(kScript)
        << "'; img-src data:\"><meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\"><title>QoS "
           "report: "
        << escape(info.topic.value_or(info.noun + " " + info.id)) << "</title><style>" << kStyle
        << "</style></head><body>";
    header_section(out, info, event, options);
    out << "<main>";
    overview_section(out, event, options);
    heatmap_section(out, event);
    distributions_section(out, event, options);
    breakdowns_section(out, event, options.details);
    drilldown_section(out, event, options);
    table_section(out, event);
    out << "</main><script>" << kScript << "</script></body></html>\n";
}

} // namespace zoomqos::report
