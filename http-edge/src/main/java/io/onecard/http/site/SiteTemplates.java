package io.onecard.http.site;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's Mustache templates and style sheet, from the class path.
 *
 * <p>Mustache escapes every {@code {{value}}} for HTML, so whatever a user typed is shown as text; the
 * HTML templates never use the unescaped form. Compiled templates are kept and are safe to render from any
 * thread.
 */
final class SiteTemplates {
    private static final String ROOT = "io/onecard/http/site/templates";
    private static final String STYLE_SHEET = "/io/onecard/http/site/site.css";

    private final DefaultMustacheFactory factory = new DefaultMustacheFactory(ROOT);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final byte[] styleSheet;

    SiteTemplates() {
        try (InputStream in = SiteTemplates.class.getResourceAsStream(STYLE_SHEET)) {
            if (in == null) {
                throw new IllegalStateException("the site's style sheet is missing from the class path");
            }
            styleSheet = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the named template ({@code buy} for {@code buy.mustache}) with the given values. */
    String render(String name, Map<String, Object> values) {
        Mustache template = compiled.computeIfAbsent(name, key -> factory.compile(key + ".mustache"));
        StringWriter out = new StringWriter();
        template.execute(out, values);
        return out.toString();
    }

    byte[] styleSheet() {
        return styleSheet;
    }
}
