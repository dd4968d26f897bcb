namespace Cuboid.Understanding.Reports;

/// <summary>
/// The stylesheet of report.html. Wide screens put the player and timeline beside a side panel (summary, chapters,
/// transcript); below 900 px everything stacks and the player stays at the top while the page scrolls. Boxes that
/// hold long content (timeline, chapters, transcript, tables) scroll on their own so the page never scrolls
/// sideways; cards use <c>content-visibility</c> so thousands of them cost no layout until they are seen.
/// </summary>
internal static class ReportHtmlStyle
{
    public const string Css = """
        :root{--bg:#f5f6f8;--fg:#171c26;--muted:#5f6b7c;--card:#fff;--accent:#2f5bea;--accent-soft:#e9efff;--line:#e2e5eb;--cut:#e0533d;--speech:#2f9e6a;--radius:10px}
        *{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif;background:var(--bg);color:var(--fg);overflow-wrap:break-word}
        header{background:#151a24;color:#fff;padding:18px 28px 16px}
        .brand{margin:0;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#8f9bb8}
        header h1{margin:2px 0 8px;font-size:22px;line-height:1.25;overflow-wrap:anywhere}
        .facts{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
        .facts li{background:#252c3b;color:#d5dbea;border-radius:999px;padding:2px 10px;font-size:13px;font-variant-numeric:tabular-nums}
        .facts .mode{background:#2f5bea;color:#fff}.facts .m-offline{background:#55607a}.facts .m-partial{background:#b86a12}
        main{max-width:1360px;margin:0 auto;padding:16px 28px 32px}
        h2{font-size:17px;margin:0 0 8px}h3{font-size:14px;margin:14px 0 6px;color:var(--muted)}
        .count{font-weight:400;color:var(--muted);font-size:13px;margin-left:4px}
        .muted{color:var(--muted)}
        .note{border-radius:8px;padding:10px 14px;margin:0 0 12px}
        .note.warn{background:#fff4e5;border:1px solid #f3c27b}.note.info{background:var(--accent-soft);border:1px solid #c9d6ff}
        .layout{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:20px;align-items:start}
        .watch,.side{min-width:0}
        .player{position:relative;border-radius:var(--radius);overflow:hidden;background:#000 var(--poster,none) center/contain no-repeat;aspect-ratio:16/9}
        video{width:100%;height:100%;display:block;background:#000}
        .novideo{position:absolute;inset:0;margin:0;display:flex;flex-direction:column;justify-content:center;gap:6px;padding:18px 22px;color:#fff;background:rgba(12,16,24,.78);font-size:14px}
        .novideo[hidden]{display:none}.novideo code{background:rgba(255,255,255,.14);padding:1px 6px;border-radius:4px;overflow-wrap:anywhere}
        .player.missing video{display:none}
        .strip{position:relative;height:52px;margin-top:10px;background:var(--card);border:1px solid var(--line);border-radius:8px;cursor:pointer;overflow:hidden}
        .strip svg{width:100%;height:100%;display:block}
        .strip polyline{fill:none;stroke:var(--accent);stroke-width:1.5;vector-effect:non-scaling-stroke}
        .strip .area{fill:var(--accent);opacity:.12}.strip line{stroke:var(--cut);stroke-width:1;vector-effect:non-scaling-stroke;opacity:.8}
        .strip .speech{fill:var(--speech);opacity:.7}
        .playhead{position:absolute;top:0;bottom:0;left:0;width:2px;margin-left:-1px;background:#151a24;pointer-events:none}
        .axis{position:relative;height:18px;font-size:11px;color:var(--muted);font-variant-numeric:tabular-nums}
        .axis span{position:absolute;top:2px;transform:translateX(-50%)}.axis span:first-child{transform:none}.axis .end{right:0;transform:none}
        .legend{margin:0 0 6px;font-size:12px;color:var(--muted)}
        .legend i{display:inline-block;width:12px;height:3px;margin:0 5px 3px 10px;vertical-align:middle}.legend i:first-child{margin-left:0}
        .k-motion{background:var(--accent)}.k-cut{background:var(--cut);width:2px!important;height:12px!important}.k-speech{background:var(--speech)}
        .filmhead{margin-top:10px}
        .film{display:flex;gap:12px;overflow-x:auto;overscroll-behavior-x:contain;padding:4px 2px 12px;scroll-snap-type:x proximity}
        .card{flex:0 0 208px;margin:0;background:var(--card);border:1px solid var(--line);border-radius:var(--radius);overflow:hidden;cursor:pointer;scroll-snap-align:start;
          content-visibility:auto;contain-intrinsic-size:208px 230px}
        .card:hover{border-color:#b9c3d9}
        .card.current{border-color:var(--accent);box-shadow:0 0 0 2px var(--accent)}
        .card img{width:100%;aspect-ratio:16/9;object-fit:cover;display:block;background:#dde1e8}
        figcaption{padding:7px 10px 9px;font-size:13px;line-height:1.4}
        figcaption b{font-variant-numeric:tabular-nums}
        figcaption i{font-style:normal;font-size:11px;padding:1px 7px;border-radius:999px;background:#eef0f4;color:var(--muted);margin-left:4px}
        figcaption i.r-cut{background:#fde8e4;color:#b8321c}
        .cap{display:-webkit-box;-webkit-line-clamp:5;-webkit-box-orient:vertical;overflow:hidden;margin-top:4px}
        .side{display:flex;flex-direction:column;gap:14px}
        .panel{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:14px 16px}
        .panel p{margin:0 0 8px}
        .topics{display:flex;flex-wrap:wrap;gap:6px}.topics span{background:var(--accent-soft);color:var(--accent);border-radius:999px;padding:1px 10px;font-size:13px}
        .chapters,.moments{list-style:none;margin:0;padding:0}
        .chapters{max-height:420px;overflow-y:auto;overscroll-behavior:contain}
        .chapters li,.moments li,.transcript p{border-radius:8px;padding:6px 8px;cursor:pointer}
        .chapters li:hover,.moments li:hover,.transcript p:hover{background:#f1f3f7}
        .chapters b,.moments b,.transcript b{color:var(--accent);font-variant-numeric:tabular-nums;font-weight:600;margin-right:8px}
        .chapters .title{font-weight:600}.chapters .sub{display:block;color:var(--muted);font-size:13px}
        .chapters li.current,.transcript p.current{background:var(--accent-soft);box-shadow:inset 3px 0 0 var(--accent)}
        .transcript{max-height:320px;overflow-y:auto;overscroll-behavior:contain}.transcript p{margin:0}
        .costs{margin-top:22px;background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:16px 18px}
        .tablebox{overflow-x:auto;margin:4px 0 10px;border:1px solid var(--line);border-radius:8px}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{padding:7px 12px;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;border-bottom:1px solid var(--line)}
        th{background:#f7f8fa;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
        th.l,td.l{text-align:left}td.model{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;font-size:13px}
        tfoot td{font-weight:600;border-bottom:0}tbody tr:last-child td{border-bottom:2px solid var(--line)}
        .cache{background:#eaf7f0;border:1px solid #b9e3cb;border-radius:8px;padding:8px 12px}
        footer{max-width:1360px;margin:0 auto;padding:0 28px 28px;color:var(--muted);font-size:12px}
        kbd{border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 5px;background:#fff;font:11px ui-monospace,monospace}
        @media (max-width:900px){
          header{padding:14px 16px}header h1{font-size:19px}
          main{padding:12px 12px 24px}footer{padding:0 12px 20px}
          .layout{display:block}.watch{display:contents}.side{margin-top:14px}
          .player{position:sticky;top:0;z-index:5;border-radius:0;margin:0 -12px}
          .card{flex-basis:176px;contain-intrinsic-size:176px 210px}
          .costs{padding:12px}
          th,td{padding:6px 9px}
        }
        """;
}
