package io.aos.ops.golden.report;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The shell every HTML report shares: one self-contained page (inline CSS, inline script, inline SVG) whose Content
 * Security Policy forbids every network request ({@code default-src 'none'}) and allows exactly the page's own style
 * and script, by hash. Light and dark follow {@code prefers-color-scheme}; {@code @media print} prints every
 * collapsed section opened.
 */
public final class HtmlPage {

    /** Colours, type and the parts every report uses. No {@code <} or {@code &}: the page is also well-formed XML. */
    static final String BASE_CSS = """
            :root{color-scheme:light dark;--bg:#fff;--fg:#1c1c1c;--muted:#5f6368;--line:#d6d6d6;--panel:#f6f7f8;\
            --crit:#b3261e;--warn:#8a5300;--ok:#1e6b35;--add:#e3f7e8;--del:#fde7e7;--chg:#fff4c2;--first:#ffd79a;\
            --link:#0b57d0}
            @media (prefers-color-scheme:dark){:root{--bg:#141517;--fg:#e4e4e4;--muted:#a3a3a3;--line:#3b3d40;\
            --panel:#1f2023;--crit:#ff8a80;--warn:#ffc46b;--ok:#7fd694;--add:#163622;--del:#3e1a1a;--chg:#3a3112;\
            --first:#6b4310;--link:#8ab4f8}}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg);\
            margin:0 auto;padding:1rem 1.5rem 3rem;max-width:110rem}
            a{color:var(--link)}
            h1{font-size:1.4rem;margin:.4rem 0}
            h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
            h3{font-size:1rem;margin:.6rem 0 .3rem}
            code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
            pre{white-space:pre-wrap;word-break:break-all;margin:.2rem 0;background:var(--panel);padding:.4rem;\
            border-radius:4px}
            table{border-collapse:collapse;width:100%}
            th,td{border:1px solid var(--line);padding:.25rem .45rem;vertical-align:top;text-align:left}
            th{background:var(--panel)}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .muted{color:var(--muted)}
            .badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-weight:600;font-size:.85em;\
            border:1px solid currentColor}
            .sev-CRITICAL .badge,.badge.sev-CRITICAL{color:var(--crit)}
            .sev-WARNING .badge,.badge.sev-WARNING{color:var(--warn)}
            .sev-MATCH .badge,.badge.sev-MATCH,.badge.PASS{color:var(--ok)}
            .badge.FAIL{color:var(--crit)}
            .verdict{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;\
            padding:.6rem 1rem;background:var(--panel)}
            .verdict.sev-CRITICAL,.verdict.FAIL{border-left-color:var(--crit)}
            .verdict.sev-WARNING{border-left-color:var(--warn)}
            .verdict.sev-MATCH,.verdict.PASS{border-left-color:var(--ok)}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0 0}
            dl.facts dt{color:var(--muted)}
            dl.facts dd{margin:0;word-break:break-all}
            details>summary{cursor:pointer}
            footer{margin-top:2rem;color:var(--muted);font-size:.85em}
            @media print{body{max-width:none;padding:0;font-size:11px;background:#fff;color:#000}
            a{color:#000}.noprint{display:none}tr{break-inside:avoid}h2{break-after:avoid}}
            """;

    /**
     * Opens every {@code <details>} for printing and closes the ones it opened afterwards, so a printed report
     * holds what the screen collapses. No {@code <} or {@code &}, for the same reason as the CSS.
     */
    static final String PRINT_SCRIPT = """
            (function(){var opened=[];
            window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(\
            function(d){if(!d.open){d.open=true;opened.push(d);}});});
            window.addEventListener('afterprint',function(){opened.forEach(function(d){d.open=false;});opened=[];});
            })();
            """;

    private HtmlPage() {
    }

    /**
     * A whole page. {@code bodyHtml} is already escaped markup; {@code css} and {@code script} are the page's own
     * constants (never data), appended to the shared ones.
     */
    public static String page(String title, String bodyHtml, String css, String script) {
        checkNotNull(title, "title");
        checkNotNull(bodyHtml, "bodyHtml");
        String style = BASE_CSS + (css == null ? "" : css);
        String js = PRINT_SCRIPT + (script == null ? "" : script);
        StringBuilder sb = new StringBuilder(bodyHtml.length() + style.length() + js.length() + 1024);
        sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp(style, js))
                .append("\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\"/>\n")
                .append("<title>").append(Html.text(title)).append("</title>\n")
                .append("<style>").append(style).append("</style>\n")
                .append("</head>\n<body>\n")
                .append(bodyHtml)
                .append("<script>").append(js).append("</script>\n")
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    /** No fetch of any kind; only this page's style and script, named by their SHA-256. */
    static String csp(String style, String script) {
        return "default-src 'none'; style-src '" + hash(style) + "'; script-src '" + hash(script)
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
