namespace MlObservability.Drift;

/// <summary>
/// A streaming RFC 4180 record reader: fields separated by one character, records ended by CRLF, LF or CR; a field in
/// double quotes may hold separators, quotes (doubled: <c>""</c>) and line breaks. It keeps one record in a reusable
/// buffer and hands out fields as spans, so reading allocates nothing per row. A quote inside an unquoted field is kept
/// as a character (as Python's csv module does); an unterminated quoted field, or text after a closing quote, is an
/// <see cref="InvalidDataException"/> naming the file and the line.
/// </summary>
/// <remarks>Hand-written rather than a CSV package because the core package's only dependencies are
/// System.Diagnostics.DiagnosticSource and MathNet.Numerics, it targets net8.0 too, and this is a startup-only reader
/// of numeric columns; RFC 4180 is small enough to follow exactly here.</remarks>
internal sealed class CsvRecordReader : IDisposable
{
    private const int EndOfFile = -1;
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char _separator;
    private readonly char[] _buffer = new char[64 * 1024];
    private char[] _chars = new char[1024];
    private int[] _ends = new int[64];
    private int _pos;
    private int _len;
    private int _count;
    private int _charCount;

    public CsvRecordReader(TextReader reader, string source, char separator)
    {
        if (separator is '"' or '\r' or '\n')
        {
            throw new ArgumentException("A CSV separator cannot be a quote or a line break.", nameof(separator));
        }

        _reader = reader;
        _source = source;
        _separator = separator;
    }

    /// <summary>The physical line the current record starts on (1-based).</summary>
    public long RecordLine { get; private set; }

    /// <summary>The physical line the reader is on.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>Fields in the current record.</summary>
    public int FieldCount => _count;

    /// <summary>A field of the current record, unquoted.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            int start = index == 0 ? 0 : _ends[index - 1];
            return _chars.AsSpan(start, _ends[index] - start);
        }
    }

    /// <summary>Reads the next record, skipping empty lines.</summary>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public bool Read()
    {
        while (true)
        {
            int c = Peek();
            if (c == EndOfFile)
            {
                return false;
            }

            if (c is '\r' or '\n')
            {
                ReadLineBreak();
                continue; // an empty line is no record
            }

            RecordLine = Line;
            _count = 0;
            _charCount = 0;
            while (true)
            {
                ReadField();
                c = Peek();
                if (c == _separator)
                {
                    _pos++;
                    continue;
                }

                if (c is '\r' or '\n')
                {
                    ReadLineBreak();
                }

                return true; // a line break or the end of the input ends the record
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private void ReadField()
    {
        if (Peek() == '"')
        {
            _pos++;
            long opened = Line;
            while (true)
            {
                int c = Next();
                if (c == EndOfFile)
                {
                    throw new InvalidDataException($"CSV file '{_source}' line {opened}: a quoted field is never closed; end it with a double quote (\") and write quotes inside it as two (\"\").");
                }

                if (c == '"')
                {
                    if (Peek() != '"')
                    {
                        break;
                    }

                    _pos++; // "" is one quote
                }
                else if (c == '\n' || (c == '\r' && Peek() != '\n'))
                {
                    Line++;
                }

                Append((char)c);
            }

            int after = Peek();
            if (after != EndOfFile && after != _separator && after is not ('\r' or '\n'))
            {
                throw new InvalidDataException($"CSV file '{_source}' line {Line}: text follows the closing quote of a field; quote the whole field and write quotes inside it as two (\"\").");
            }
        }
        else
        {
            while (true)
            {
                int c = Peek();
                if (c == EndOfFile || c == _separator || c is '\r' or '\n')
                {
                    break;
                }

                _pos++;
                Append((char)c);
            }
        }

        if (_count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _ends[_count++] = _charCount;
    }

    private void ReadLineBreak()
    {
        if (Next() == '\r' && Peek() == '\n')
        {
            _pos++;
        }

        Line++;
    }

    private void Append(char c)
    {
        if (_charCount == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_charCount++] = c;
    }

    private int Peek()
    {
        if (_pos == _len)
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            if (_len <= 0)
            {
                _len = 0;
                return EndOfFile;
            }
        }

        return _buffer[_pos];
    }

    private int Next()
    {
        int c = Peek();
        if (c != EndOfFile)
        {
            _pos++;
        }

        return c;
    }
}
