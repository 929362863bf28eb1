package io.tradeflow.notebooks.kernel;

import java.util.List;

/** Reports a cell that did not compile or threw: the Jupyter error name, value and traceback. */
public final class CellFailure extends RuntimeException {
    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    public CellFailure(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue == null ? "" : evalue;
        this.traceback = List.copyOf(traceback);
    }

    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    public List<String> traceback() {
        return traceback;
    }
}
