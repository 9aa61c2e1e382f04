package io.github.fwkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

class ProgressBarTest {
    private long now;

    @Test
    void drawsAtMostTenTimesASecondAndAlwaysTheEnd() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(true, new PrintWriter(sw), ProgressBar.Unit.BYTES, "x", () -> now);
        for (int i = 0; i <= 100; i++) {
            now = i * 10_000_000L; // 10 ms apart: one second in all
            bar.progress(i << 20, 100 << 20);
        }
        long draws = sw.toString().chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 10 && draws <= 12, "drew " + draws + " times");
        assertTrue(sw.toString().contains("100%  100 MiB / 100 MiB  100 MiB/s"), sw::toString);
        bar.close();
        assertTrue(sw.toString().endsWith("\r"), sw::toString);
    }

    @Test
    void rendersItemsAsCounts() {
        ProgressBar bar = new ProgressBar(true, new PrintWriter(new StringWriter()), ProgressBar.Unit.ITEMS, "pieces",
                () -> 0);
        assertEquals("pieces [############............]  50%  2/4", bar.render(2, 4, 1));
    }

    @Test
    void aDisabledBarDrawsNothing() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(false, new PrintWriter(sw), ProgressBar.Unit.BYTES, "x", () -> now);
        bar.progress(1, 2);
        bar.close();
        assertEquals("", sw.toString());
    }
}
