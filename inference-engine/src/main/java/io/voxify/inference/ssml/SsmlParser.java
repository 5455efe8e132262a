package io.voxify.inference.ssml;

import io.voxify.inference.text.NormalizedText;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the SSML subset Voxify speaks and refuses everything else with its line and column.
 *
 * <p>Elements and their attributes: {@code <speak>} (root; {@code version}, {@code xml:lang}), {@code <break>}
 * ({@code time} "500ms"/"1.5s" up to 10 s, 60 s in all, or {@code strength} none … x-strong), {@code <prosody>}
 * ({@code rate}, {@code pitch}, {@code volume}, see {@link ProsodyValues}), {@code <say-as>}
 * ({@code interpret-as} cardinal, date or characters; {@code format} for dates), {@code <sub>}
 * ({@code alias}), {@code <mark>} ({@code name}) and {@code <lang>} ({@code xml:lang}). Elements may be in no
 * namespace or in SSML's. Unknown elements and attributes are errors, never spoken.
 *
 * <p>The XML is read by the JDK's StAX parser with DTDs and external entities off; a DOCTYPE is refused, so
 * no entity beyond XML's five predefined ones and character references can appear, and nothing is fetched.
 */
public final class SsmlParser {

    public static final String SSML_NAMESPACE = "http://www.w3.org/2001/10/synthesis";
    public static final double MAX_BREAK_SECONDS = 10.0;
    /** All breaks together: audio is built in memory, and a document of nothing but long breaks is no speech. */
    public static final double MAX_TOTAL_BREAK_SECONDS = 60.0;

    static final int MAX_DEPTH = 32;

    /** Each element's attributes, in the order the reader hands their values on. */
    private static final Map<String, List<String>> ATTRIBUTES = Map.of(
            "speak", List.of("version", "xml:lang"),
            "break", List.of("time", "strength"),
            "prosody", List.of("rate", "pitch", "volume"),
            "say-as", List.of("interpret-as", "format"),
            "sub", List.of("alias"),
            "mark", List.of("name"),
            "lang", List.of("xml:lang"));

    private static final Map<String, Double> BREAK_STRENGTHS =
            Map.of("none", 0.0, "x-weak", 0.1, "weak", 0.2, "medium", 0.4, "strong", 0.75, "x-strong", 1.2);
    private static final Pattern BREAK_TIME = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(ms|s)");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern MARK_NAME = Pattern.compile("[\\p{L}\\p{N}_.:-]{1,64}");

    private SsmlParser() {}

    /** Parses a document of at most {@code maxChars} characters (code points, markup included). */
    public static SsmlDocument parse(String document, int maxChars) {
        if (document == null || document.isBlank()) {
            throw new SsmlException(1, 1, "the document is empty");
        }
        int length = document.codePointCount(0, document.length());
        if (length > maxChars) {
            throw new SsmlException(
                    1,
                    1,
                    "the document has " + length + " characters, at most " + maxChars
                            + " are accepted (markup included)");
        }
        return new Reader(document).read();
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    private enum Content {
        MIXED,
        TEXT_ONLY,
        EMPTY
    }

    private record Frame(
            String tag,
            Content content,
            Prosody prosody,
            String language,
            int contentStart,
            int line,
            int column,
            String[] values) {}

    private static final class Reader {
        private final String source;
        private final List<SsmlPiece> pieces = new ArrayList<>();
        private final Deque<Frame> open = new ArrayDeque<>();
        private NormalizedText.Builder run = new NormalizedText.Builder();
        private NormalizedText.Builder leaf;
        private int spokenCharacters;
        private double breakSeconds;
        private int offset;
        private int position;
        private boolean lastWasStart;
        private final int[] lineStarts;

        Reader(String source) {
            this.source = source;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= source.length() || source.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        private int[] lineAndColumn(int at) {
            int i = Arrays.binarySearch(lineStarts, at);
            int lineIndex = i >= 0 ? i : -i - 2;
            return new int[] {lineIndex + 1, at - lineStarts[lineIndex] + 1};
        }

        /** The end of the start tag at {@code from}: its '>' outside quoted attribute values, plus one. */
        private int tagEnd(int from) {
            char quote = 0;
            for (int i = from; i < source.length(); i++) {
                char c = source.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    return i + 1;
                }
            }
            return source.length();
        }

        SsmlDocument read() {
            XMLStreamReader xml = null;
            try {
                xml = factory().createXMLStreamReader(new StringReader(source));
                while (true) {
                    handle(xml);
                    if (!xml.hasNext()) {
                        break;
                    }
                    xml.next();
                }
            } catch (XMLStreamException malformed) {
                Location at = malformed.getLocation();
                String message = malformed.getMessage() == null ? "malformed XML" : malformed.getMessage();
                int cut = message.indexOf("Message: ");
                message = cut >= 0 ? message.substring(cut + "Message: ".length()) : message;
                int[] here = lineAndColumn(offset);
                throw new SsmlException(
                        at == null || at.getLineNumber() < 1 ? here[0] : at.getLineNumber(),
                        at == null || at.getColumnNumber() < 1 ? here[1] : at.getColumnNumber(),
                        "malformed XML: " + message.strip());
            } finally {
                if (xml != null) {
                    try {
                        xml.close();
                    } catch (XMLStreamException ignored) {
                        // nothing to release for a string source
                    }
                }
            }
            if (pieces.stream()
                    .noneMatch(p -> p instanceof SsmlPiece.Speech s
                            && s.spoken().text().codePoints().anyMatch(Character::isLetterOrDigit))) {
                throw new SsmlException(1, 1, "the document has no text to speak");
            }
            return new SsmlDocument(pieces, spokenCharacters);
        }

        /**
         * Follows the parser through the document: {@code offset} is where the construct just reported starts,
         * {@code position} where it ends. (The parser's own character offsets count a CR LF as one character
         * and run one ahead after text, so positions are found in the source instead.)
         */
        private void handle(XMLStreamReader xml) {
            switch (xml.getEventType()) {
                case XMLStreamConstants.START_DOCUMENT -> {
                    offset = source.startsWith("\uFEFF") ? 1 : 0;
                    position = source.startsWith("<?xml", offset) ? source.indexOf("?>", offset) + 2 : offset;
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    offset = source.indexOf('<', position);
                    position = tagEnd(offset);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    offset = position;
                    if (!(source.charAt(position - 2) == '/' && lastWasStart)) {
                        offset = source.indexOf("</", position);
                        position = source.indexOf('>', offset) + 1;
                    }
                }
                case XMLStreamConstants.COMMENT -> {
                    offset = source.indexOf("<!--", position);
                    position = source.indexOf("-->", offset) + 3;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA ->
                    offset = position;
                default -> offset = Math.max(0, source.indexOf('<', position));
            }
            lastWasStart = xml.getEventType() == XMLStreamConstants.START_ELEMENT;
            switch (xml.getEventType()) {
                case XMLStreamConstants.DTD -> throw error("a DOCTYPE is not allowed (no DTDs or entity declarations)");
                case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                    throw error("processing instructions are not allowed: <?" + xml.getPITarget() + " …?>");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw error("unknown entity &" + xml.getLocalName() + ";");
                case XMLStreamConstants.START_ELEMENT -> start(xml);
                case XMLStreamConstants.END_ELEMENT -> end(xml);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(xml);
                default -> {
                    // the XML declaration, comments and the document's end carry nothing to speak
                }
            }
        }

        private void start(XMLStreamReader xml) {
            String ns = xml.getNamespaceURI();
            String tag = xml.getLocalName();
            String shown = xml.getPrefix() == null || xml.getPrefix().isEmpty() ? tag : xml.getPrefix() + ":" + tag;
            if ((ns != null && !ns.isEmpty() && !ns.equals(SSML_NAMESPACE)) || !ATTRIBUTES.containsKey(tag)) {
                throw error(
                        "unknown element <" + shown + "> (allowed: speak, break, prosody, say-as, sub, mark, lang)");
            }
            Frame parent = open.peek();
            if (parent == null && !tag.equals("speak")) {
                throw error("the root element must be <speak>, not <" + shown + ">");
            }
            if (parent != null && tag.equals("speak")) {
                throw error("<speak> may only be the root element");
            }
            if (parent != null && parent.content() == Content.EMPTY) {
                throw error("<" + parent.tag() + "> must be empty");
            }
            if (parent != null && parent.content() == Content.TEXT_ONLY) {
                throw error("<" + parent.tag() + "> may contain only text, not <" + shown + ">");
            }
            if (open.size() >= MAX_DEPTH) {
                throw error("elements are nested more than " + MAX_DEPTH + " deep");
            }
            String[] values = attributes(xml, tag);
            Prosody prosody = parent == null ? Prosody.NEUTRAL : parent.prosody();
            String language = parent == null ? null : parent.language();
            Content content = Content.MIXED;
            switch (tag) {
                case "speak" -> language = language(values[1], language);
                case "lang" -> {
                    require(values[0], "lang", "xml:lang");
                    language = language(values[0], language);
                }
                case "prosody" -> {
                    if (values[0] == null && values[1] == null && values[2] == null) {
                        throw error("<prosody> needs rate, pitch or volume");
                    }
                    try {
                        prosody = prosody.times(new Prosody(
                                ProsodyValues.rate(values[0]),
                                ProsodyValues.pitch(values[1]),
                                ProsodyValues.volume(values[2])));
                    } catch (IllegalArgumentException bad) {
                        throw error("<prosody> " + bad.getMessage());
                    }
                }
                case "break" -> {
                    content = Content.EMPTY;
                    flush(parent);
                    double seconds = breakSeconds(values[0], values[1]);
                    breakSeconds += seconds;
                    if (breakSeconds > MAX_TOTAL_BREAK_SECONDS + 1e-9) {
                        throw error("the breaks add up to more than " + (int) MAX_TOTAL_BREAK_SECONDS + "s");
                    }
                    pieces.add(new SsmlPiece.Pause(seconds));
                }
                case "mark" -> {
                    content = Content.EMPTY;
                    require(values[0], "mark", "name");
                    if (!MARK_NAME.matcher(values[0]).matches()) {
                        throw error("<mark> name must be 1 to 64 letters, digits, '_', '.', ':' or '-': \"" + values[0]
                                + "\"");
                    }
                    flush(parent);
                    pieces.add(new SsmlPiece.Mark(values[0], offset));
                }
                case "sub" -> {
                    content = Content.TEXT_ONLY;
                    require(values[0], "sub", "alias");
                    if (values[0].isBlank()) {
                        throw error("<sub> alias must not be empty");
                    }
                    leaf = new NormalizedText.Builder();
                }
                case "say-as" -> {
                    content = Content.TEXT_ONLY;
                    require(values[0], "say-as", "interpret-as");
                    if (!SayAs.INTERPRETATIONS.contains(values[0])) {
                        throw error("<say-as> interpret-as must be one of " + SayAs.INTERPRETATIONS + ", not \""
                                + values[0] + "\"");
                    }
                    if (values[1] != null && !values[0].equals("date")) {
                        throw error("<say-as> format is only for interpret-as=\"date\"");
                    }
                    flush(parent);
                    leaf = new NormalizedText.Builder();
                }
                default -> {
                    // speak handled above; nothing else reaches here
                }
            }
            if (!prosody.equals(parent == null ? Prosody.NEUTRAL : parent.prosody())
                    || !Objects.equals(language, parent == null ? null : parent.language())) {
                flush(parent);
            }
            int[] at = lineAndColumn(offset);
            open.push(new Frame(tag, content, prosody, language, position, at[0], at[1], values));
        }

        private void end(XMLStreamReader xml) {
            Frame frame = open.pop();
            Frame parent = open.peek();
            switch (frame.tag()) {
                case "sub" -> {
                    NormalizedText content = leaf.build();
                    leaf = null;
                    int from = frame.contentStart();
                    int to = Math.max(from, offset);
                    while (from < to && Character.isWhitespace(source.charAt(from))) {
                        from++;
                    }
                    while (to > from && Character.isWhitespace(source.charAt(to - 1))) {
                        to--;
                    }
                    if (content.text().isBlank()) {
                        throw new SsmlException(
                                frame.line(), frame.column(), "<sub> needs the written text it stands for");
                    }
                    String alias = frame.values()[0].strip();
                    run.append(alias, from, to);
                }
                case "say-as" -> {
                    NormalizedText content = leaf.build();
                    leaf = null;
                    try {
                        SayAs sayAs = SayAs.of(frame.values()[0], content, frame.values()[1]);
                        spokenCharacters += content.text()
                                .strip()
                                .codePointCount(0, content.text().strip().length());
                        pieces.add(new SsmlPiece.Speech(content, frame.prosody(), frame.language(), sayAs));
                    } catch (SayAs.Invalid invalid) {
                        throw new SsmlException(frame.line(), frame.column(), invalid.getMessage());
                    }
                }
                default -> {
                    if (frame.content() == Content.MIXED
                            && (parent == null
                                    || !frame.prosody().equals(parent.prosody())
                                    || !Objects.equals(frame.language(), parent.language()))) {
                        flush(frame);
                    }
                }
            }
        }

        private void text(XMLStreamReader xml) {
            String text = xml.getText();
            Frame frame = open.peek();
            boolean spoken = frame != null && frame.content() != Content.EMPTY;
            position = trace(text, position, !spoken ? new NormalizedText.Builder() : leaf != null ? leaf : run);
            if (frame != null && !spoken && !text.isBlank()) {
                throw error("<" + frame.tag() + "> must be empty");
            }
            // Outside the root only whitespace arrives here; the XML parser refuses anything else.
        }

        /**
         * Appends parsed text from the source at {@code from}, each character traced to where it is written:
         * a reference such as "&amp;amp;" traces to the whole reference, a CR LF read as '\n' to both, a CDATA
         * section's characters (which the parser reports as plain text) to themselves.
         * Returns where the text ends in the source.
         */
        private int trace(String text, int from, NormalizedText.Builder into) {
            int r = from;
            int i = 0;
            boolean inCdata = false;
            while (i < text.length() && r < source.length()) {
                char c = source.charAt(r);
                if (!inCdata && source.startsWith("<![CDATA[", r)) {
                    inCdata = true;
                    r += "<![CDATA[".length();
                } else if (inCdata && source.startsWith("]]>", r)) {
                    inCdata = false;
                    r += "]]>".length();
                } else if (c == '&' && !inCdata) {
                    int semi = source.indexOf(';', r);
                    String decoded = decode(source.substring(r + 1, Math.max(r + 1, semi)));
                    if (semi < 0 || decoded == null || !text.startsWith(decoded, i)) {
                        break;
                    }
                    into.append(decoded, r, semi + 1);
                    i += decoded.length();
                    r = semi + 1;
                } else if (c == '\r' && text.charAt(i) == '\n') {
                    int width = r + 1 < source.length() && source.charAt(r + 1) == '\n' ? 2 : 1;
                    into.append("\n", r, r + width);
                    i++;
                    r += width;
                } else if (c == text.charAt(i)) {
                    into.append(String.valueOf(c), r, r + 1);
                    i++;
                    r++;
                } else {
                    break;
                }
            }
            if (inCdata && source.startsWith("]]>", r)) {
                r += "]]>".length();
            }
            if (i < text.length()) {
                // Not as expected; keep every character, traced to the place reached.
                int end = Math.max(
                        r,
                        Math.min(
                                source.length(),
                                source.indexOf('<', r) < 0 ? source.length() : source.indexOf('<', r)));
                into.append(text.substring(i), r, Math.max(r + 1, end));
                return end;
            }
            return r;
        }

        private static String decode(String reference) {
            return switch (reference) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    try {
                        if (reference.startsWith("#x") || reference.startsWith("#X")) {
                            yield new String(Character.toChars(Integer.parseInt(reference.substring(2), 16)));
                        }
                        if (reference.startsWith("#")) {
                            yield new String(Character.toChars(Integer.parseInt(reference.substring(1))));
                        }
                    } catch (IllegalArgumentException notANumber) {
                        yield null;
                    }
                    yield null;
                }
            };
        }

        /** Ends the text spoken so far as one piece with the settings of {@code frame}. */
        private void flush(Frame frame) {
            if (frame == null) {
                return;
            }
            NormalizedText text = run.build();
            run = new NormalizedText.Builder();
            if (!text.text().isBlank()) {
                String stripped = text.text().strip();
                spokenCharacters += stripped.codePointCount(0, stripped.length());
                pieces.add(new SsmlPiece.Speech(text, frame.prosody(), frame.language(), null));
            }
        }

        private String[] attributes(XMLStreamReader xml, String tag) {
            List<String> names = ATTRIBUTES.get(tag);
            String[] values = new String[names.size()];
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String ns = xml.getAttributeNamespace(i);
                String local = xml.getAttributeLocalName(i);
                String name = XMLConstants.XML_NS_URI.equals(ns)
                        ? "xml:" + local
                        : ns == null || ns.isEmpty()
                                ? local
                                : (xml.getAttributePrefix(i) == null ? "" : xml.getAttributePrefix(i) + ":") + local;
                int at = names.indexOf(name);
                if (at < 0) {
                    throw error("attribute " + name + " is not allowed on <" + tag + ">"
                            + (names.isEmpty() ? "" : " (allowed: " + String.join(", ", names) + ")"));
                }
                values[at] = xml.getAttributeValue(i).strip();
            }
            return values;
        }

        private void require(String value, String tag, String attribute) {
            if (value == null) {
                throw error("<" + tag + "> needs the " + attribute + " attribute");
            }
        }

        private String language(String value, String inherited) {
            if (value == null) {
                return inherited;
            }
            if (!LANGUAGE.matcher(value).matches()) {
                throw error("xml:lang must be a language tag such as fr-FR, not \"" + value + "\"");
            }
            return value.toLowerCase(Locale.ROOT);
        }

        private double breakSeconds(String time, String strength) {
            if (time != null) {
                Matcher m = BREAK_TIME.matcher(time);
                if (!m.matches()) {
                    throw error("<break> time must be like \"500ms\" or \"1.5s\", not \"" + time + "\"");
                }
                double seconds = Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
                if (seconds > MAX_BREAK_SECONDS) {
                    throw error("<break> time must be at most " + (int) MAX_BREAK_SECONDS + "s, not " + time);
                }
                return seconds;
            }
            if (strength != null) {
                Double seconds = BREAK_STRENGTHS.get(strength);
                if (seconds == null) {
                    throw error("<break> strength must be one of none, x-weak, weak, medium, strong, x-strong, not \""
                            + strength + "\"");
                }
                return seconds;
            }
            return BREAK_STRENGTHS.get("medium");
        }

        /** An error at the start of the construct being read. */
        private SsmlException error(String reason) {
            int[] at = lineAndColumn(offset);
            return new SsmlException(at[0], at[1], reason);
        }
    }
}
