package io.vireo.shell.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest {
    private static String print(Table t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listLayoutAsVirsh() {
        Table t = new Table("Id", "Name", "State").row("1", "test", "running");
        assertEquals(" Id   Name   State\n"
                + "----------------------\n"
                + " 1    test   running\n", print(t));
    }

    @Test
    void emptyTableIsHeaderAndRule() {
        assertEquals(" Name   Path\n--------------\n", print(new Table("Name", "Path")));
    }

    @Test
    void ruleCoversTheWidestCellsAndTheLastColumnIsNotPadded() {
        Table t = new Table("Id", "Name", "State").row("-", "test", "shut off").row("12", "a", "x");
        assertEquals(" Id   Name   State\n"
                + "-----------------------\n"
                + " -    test   shut off\n"
                + " 12   a      x\n", print(t));
    }

    @Test
    void anEmptyLastCellKeepsItsSeparator() {
        // snapshot-list --parent on a root snapshot: virsh leaves the separator spaces in place.
        Table t = new Table("Name", "State", "Parent").row("s1", "running", "").row("s2", "running", "s1");
        assertEquals(" Name   State     Parent\n"
                + "--------------------------\n"
                + " s1     running   \n"
                + " s2     running   s1\n", print(t));
    }

    @Test
    void widthCountsCharactersNotBytes() {
        Table t = new Table("Name", "X").row("é", "1");
        assertEquals(" Name   X\n-----------\n é      1\n", print(t));
    }

    @Test
    void rowsMustHaveOneCellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
