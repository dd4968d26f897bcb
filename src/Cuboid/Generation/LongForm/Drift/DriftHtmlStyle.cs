namespace Cuboid.Generation.LongForm;

/// <summary>
/// The stylesheet of drift.html, in report.html's visual language (the same palette, dark header with fact pills,
/// white panels, tables in scrolling boxes). Charts and join pictures flow in a grid that drops to one column on a
/// phone; nothing is wider than the screen, and wide tables scroll inside their own box.
/// </summary>
internal static class DriftHtmlStyle
{
    public const string Css = """
        :root{--bg:#f5f6f8;--fg:#171c26;--muted:#5f6b7c;--card:#fff;--accent:#2f5bea;--accent-soft:#e9efff;--line:#e2e5eb;--bad:#e0533d;--good:#2f9e6a;--gate:#b8321c;--radius:10px}
        *{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif;background:var(--bg);color:var(--fg);overflow-wrap:break-word}
        header{background:#151a24;color:#fff;padding:18px 28px 16px}
        .brand{margin:0;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#8f9bb8}
        header h1{margin:2px 0 8px;font-size:22px;line-height:1.25;overflow-wrap:anywhere}
        .facts{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
        .facts li{background:#252c3b;color:#d5dbea;border-radius:999px;padding:2px 10px;font-size:13px;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
        .facts .verdict{font-weight:600;color:#fff}.facts .v-clean{background:var(--good)}.facts .v-drift{background:var(--bad)}
        main{max-width:1360px;margin:0 auto;padding:16px 28px 32px}
        section{margin-top:22px}
        h2{font-size:17px;margin:0 0 8px}.count{font-weight:400;color:var(--muted);font-size:13px;margin-left:4px}
        .muted{color:var(--muted)}
        .note{border-radius:8px;padding:10px 14px;margin:0}
        .note.warn{background:#fff4e5;border:1px solid #f3c27b}.note.ok{background:#eaf7f0;border:1px solid #b9e3cb}
        .note ul{margin:6px 0 0;padding-left:20px}
        .kind{display:inline-block;font-size:11px;padding:1px 7px;border-radius:999px;background:#fde8e4;color:var(--gate);margin-right:6px;text-transform:uppercase;letter-spacing:.03em}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
        .panel{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:12px 14px;margin:0;min-width:0}
        .panel h3{font-size:14px;margin:0 0 2px}.panel p{margin:2px 0 0;font-size:13px;color:var(--muted);font-variant-numeric:tabular-nums}
        svg.chart{display:block;width:100%;height:auto;margin-top:6px}
        .chart .gridline{stroke:#eef0f4;stroke-width:1}.chart .axis{stroke:#b9c3d9;stroke-width:1}
        .chart text{font:10px system-ui,sans-serif;fill:var(--muted)}.chart .nodata{font-size:12px}
        .chart .curve{fill:none;stroke:var(--accent);stroke-width:2;stroke-linejoin:round}.chart .dot{fill:var(--accent)}
        .chart .limit{stroke:#d99a2b;stroke-width:1.2;stroke-dasharray:4 3}.chart .limit-label{fill:#a06a0c}
        .chart .gate{stroke:var(--gate);stroke-width:1.4;stroke-dasharray:6 3}.chart .gate-label{fill:var(--gate);font-weight:600}
        .legend{margin:0 0 8px;font-size:12px;color:var(--muted)}
        .legend i{display:inline-block;width:18px;height:0;border-top:2px solid;margin:0 5px 3px 12px;vertical-align:middle}.legend i:first-child{margin-left:0}
        .legend .k-curve{border-color:var(--accent)}.legend .k-limit{border-top:2px dashed #d99a2b}.legend .k-gate{border-top:2px dashed var(--gate)}
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:6px}
        .pair figure{margin:0;min-width:0}.pair img,.anchor img{width:100%;height:auto;display:block;border-radius:6px;background:#dde1e8;image-rendering:auto}
        .pair figcaption{font-size:12px;color:var(--muted);text-align:center}
        .join.flagged{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}
        .anchor{display:grid;grid-template-columns:minmax(0,320px) minmax(0,1fr);gap:16px;align-items:start}
        dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 12px;font-size:14px;font-variant-numeric:tabular-nums}dt{color:var(--muted)}dd{margin:0}
        .tablebox{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{padding:7px 12px;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;border-bottom:1px solid var(--line)}
        th{background:#f7f8fa;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
        th.l,td.l{text-align:left}td.over{color:var(--gate);font-weight:600}
        tfoot td{font-weight:600;border-bottom:0}
        footer{max-width:1360px;margin:0 auto;padding:0 28px 28px;color:var(--muted);font-size:12px}
        @media (max-width:700px){
          header{padding:14px 16px}header h1{font-size:19px}
          main{padding:12px 12px 24px}footer{padding:0 12px 20px}
          .cards{grid-template-columns:minmax(0,1fr)}.anchor{grid-template-columns:minmax(0,1fr)}
          th,td{padding:6px 9px}
        }
        """;
}
