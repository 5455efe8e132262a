package io.voxify.inference.engine;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Helpers for loading shared libraries and handing strings to C. */
final class NativeLibraries {

    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_GLOBAL = 0x100;

    private NativeLibraries() {}

    /**
     * Loads a library with its symbols visible to libraries loaded later, which is how Flite's voice and
     * language libraries find each other without being linked together.
     */
    static NativeLibrary loadGlobal(String soname) {
        return NativeLibrary.getInstance(soname, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_GLOBAL));
    }

    /** NUL-terminated UTF-8. */
    static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    /** For every UTF-8 byte offset of {@code s}, the index of the char it belongs to (length+1 entries). */
    static int[] byteToCharIndex(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int[] map = new int[utf8.length + 1];
        int b = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int k = 0; k < width && b < utf8.length; k++) {
                map[b++] = i;
            }
            i += Character.charCount(cp);
        }
        map[utf8.length] = s.length();
        return map;
    }
}
