package org.hashmatch.hashing.image.internal;

import java.util.Arrays;
import org.hashmatch.hashing.CorruptImageException;

/**
 * Decodes one VP8 key frame (the payload of a WebP {@code "VP8 "} chunk) into its Y, U and V
 * planes, following RFC 6386 and producing the same samples as libwebp.
 *
 * <p>Steps, each macroblock row in turn:
 *
 * <pre>
 *   10-byte frame header (size) ── partition 0: frame header, then per row:
 *     modes of the row (partition 0) ── tokens (partition row % n) ── dequantize,
 *     inverse WHT / DCT, intra prediction ──▶ planes ── loop filter of the row above
 * </pre>
 *
 * <p>The loop filter of a row runs once the row below has been predicted, because prediction
 * reads unfiltered pixels; the result equals filtering the whole frame afterwards in raster order.
 *
 * <p>Where libwebp's behaviour is a choice, this decoder makes the same one: a frame whose header
 * loop-filter level is 0 is not filtered even if segments say otherwise; a frame that enables
 * segments without sending their values uses absolute values of 0; a macroblock's inner
 * edges are filtered when it is coded with subblock modes or has any non-zero dequantized
 * coefficient (counting the DC values the Y2 transform hands to its blocks); any read past the end
 * of a partition rejects the image; colour space and clamping bits are ignored (results are
 * always clamped).
 *
 * <p>Safety: the caller checks the dimensions ({@link #readSize}) against its pixel budget before
 * calling {@link #decode}, which allocates the planes (1.5 bytes per pixel, rounded up to
 * macroblocks) and a few rows of state, nothing more; work is linear in the number of
 * macroblocks; every malformed input ends in {@link CorruptImageException}.
 *
 * <p>Thread-safe: every call works on its own state.
 */
public final class Vp8Decoder {

  /** Frame tag (3 bytes), start code (3 bytes), width and height (2 bytes each). */
  private static final int FRAME_HEADER_BYTES = 10;

  /** Kind of block, the first index of the coefficient probabilities (RFC 6386 section 13.3). */
  private static final int TYPE_Y_AFTER_Y2 = 0;

  private static final int TYPE_Y2 = 1;
  private static final int TYPE_CHROMA = 2;
  private static final int TYPE_Y_WITH_DC = 3;

  /** The width and height in pixels of a VP8 key frame, both in 1..16383. */
  public record FrameSize(int width, int height) {}

  /**
   * Reads the dimensions from the uncompressed header of the key frame in {@code data[offset,
   * offset + length)}.
   *
   * @throws CorruptImageException if the header is truncated, not a displayable key frame, lacks
   *     the start code or gives a zero dimension
   */
  public static FrameSize readSize(byte[] data, int offset, int length) {
    if (length < FRAME_HEADER_BYTES) {
      throw new CorruptImageException(
          "VP8 frame is " + length + " bytes, expected at least " + FRAME_HEADER_BYTES);
    }
    int tag = frameTag(data, offset);
    if ((tag & 1) != 0) {
      throw new CorruptImageException("VP8 frame is an interframe, expected a key frame");
    }
    int version = (tag >> 1) & 7;
    if (version > 3) {
      throw new CorruptImageException("VP8 version is " + version + ", expected 0..3");
    }
    if (((tag >> 4) & 1) == 0) {
      throw new CorruptImageException("VP8 frame is marked invisible, expected a shown frame");
    }
    if ((data[offset + 3] & 0xFF) != 0x9D
        || (data[offset + 4] & 0xFF) != 0x01
        || (data[offset + 5] & 0xFF) != 0x2A) {
      throw new CorruptImageException("VP8 start code is missing");
    }
    int width = ((data[offset + 6] & 0xFF) | (data[offset + 7] & 0xFF) << 8) & 0x3FFF;
    int height = ((data[offset + 8] & 0xFF) | (data[offset + 9] & 0xFF) << 8) & 0x3FFF;
    if (width == 0 || height == 0) {
      throw new CorruptImageException(
          "VP8 header gives dimensions " + width + "x" + height + ", expected positive");
    }
    return new FrameSize(width, height);
  }

  /**
   * Decodes the key frame that starts at {@code data[offset]}, reading at most up to {@code offset
   * + length}. The array is only read. Check {@link #readSize} against the pixel budget first: this
   * allocates the planes.
   *
   * <p>The last token partition takes all of that window. libwebp (and so the reference) passes
   * the rest of the whole input here, not just the {@code VP8 } chunk: a damaged frame may then
   * read on into a padding byte or the chunks after it, and decodes or fails as it does there.
   *
   * @throws CorruptImageException if the frame is malformed or truncated
   */
  public static YuvPicture decode(byte[] data, int offset, int length) {
    FrameSize size = readSize(data, offset, length);
    return new Vp8Decoder(data, offset, length, size).run();
  }

  private final byte[] data;
  private final int width;
  private final int height;
  private final int mbCols;
  private final int mbRows;

  private final Vp8BoolDecoder first;
  /** Where the token partitions (and their size table) start, and where the data ends. */
  private final int partitionsStart;

  private final int frameEnd;
  private Vp8BoolDecoder[] partitions = new Vp8BoolDecoder[0];

  // Segment header.
  private boolean segmentation;
  private boolean updateSegmentMap;
  private final int[] segmentProbs = {255, 255, 255};

  // Loop filter header.
  private boolean simpleFilter;
  private int filterLevel;
  private int sharpness;
  private final int[] refLfDelta = new int[4];
  private final int[] modeLfDelta = new int[4];
  private boolean lfDeltas;

  // Per segment (4): dequantization factors; per segment and "uses subblock modes" (8): filter.
  private final int[] y1Dc = new int[4];
  private final int[] y1Ac = new int[4];
  private final int[] y2Dc = new int[4];
  private final int[] y2Ac = new int[4];
  private final int[] uvDc = new int[4];
  private final int[] uvAc = new int[4];
  private final int[] filterLimit = new int[8];
  private final int[] filterInterior = new int[8];
  private final int[] filterHev = new int[8];

  private final int[] coeffProbs = Vp8Tables.DEFAULT_COEFF_PROBS.clone();
  private boolean useSkipProb;
  private int skipProb;

  // Modes of the current macroblock row, parsed from partition 0.
  private final int[] rowSegment;
  private final boolean[] rowSkip;
  private final int[] rowYMode;
  private final int[] rowUvMode;
  private final int[] rowBModes;
  /** Subblock modes of the bottom subblocks of the row above, per 4-pixel column. */
  private final int[] aboveBModes;

  private final int[] leftBModes = new int[4];

  // Non-zero contexts: per macroblock 4 Y, 2 U, 2 V and 1 Y2 flags; above (per column) and left.
  private final int[] aboveNz;
  private final int[] leftNz = new int[9];

  // Residue of the current macroblock: 16 Y, 4 U, 4 V blocks of 16 coefficients, raster order.
  private final int[] coeffs = new int[24 * 16];
  private final int[] y2 = new int[16];
  private final int[] blockKinds = new int[24];
  private final int[] idctScratch = new int[16];

  // Filter parameters of the current and the previous macroblock row (index: row & 1).
  private final int[][] rowFilter;
  private final boolean[][] rowInner;

  private final byte[] yPlane;
  private final byte[] uPlane;
  private final byte[] vPlane;
  private final int yStride;
  private final int uvStride;
  private final Vp8Predictor predictor = new Vp8Predictor();

  private Vp8Decoder(byte[] data, int offset, int length, FrameSize size) {
    this.data = data;
    this.width = size.width();
    this.height = size.height();
    this.mbCols = (width + 15) >> 4;
    this.mbRows = (height + 15) >> 4;
    int tag = frameTag(data, offset);
    int firstSize = tag >>> 5;
    int afterHeader = offset + FRAME_HEADER_BYTES;
    int remaining = length - FRAME_HEADER_BYTES;
    if (firstSize > remaining) {
      throw new CorruptImageException(
          "VP8 first partition is "
              + firstSize
              + " bytes, but only "
              + remaining
              + " bytes follow the frame header");
    }
    this.first = new Vp8BoolDecoder(data, afterHeader, firstSize);
    this.partitionsStart = afterHeader + firstSize;
    this.frameEnd = offset + length;

    rowSegment = new int[mbCols];
    rowSkip = new boolean[mbCols];
    rowYMode = new int[mbCols];
    rowUvMode = new int[mbCols];
    rowBModes = new int[mbCols * 16];
    aboveBModes = new int[mbCols * 4];
    aboveNz = new int[mbCols * 9];
    rowFilter = new int[2][mbCols];
    rowInner = new boolean[2][mbCols];

    yStride = mbCols * 16;
    uvStride = mbCols * 8;
    yPlane = new byte[yStride * mbRows * 16];
    uPlane = new byte[uvStride * mbRows * 8];
    vPlane = new byte[uvStride * mbRows * 8];
  }

  private YuvPicture run() {
    readFrameHeader();
    if (first.overrun()) {
      throw new CorruptImageException("VP8 frame header runs past the end of its partition");
    }
    for (int mbY = 0; mbY < mbRows; mbY++) {
      readModes();
      if (first.overrun()) {
        throw new CorruptImageException(
            "VP8 first partition ends early, in the modes of macroblock row " + mbY);
      }
      Vp8BoolDecoder tokens = partitions[mbY & (partitions.length - 1)];
      for (int mbX = 0; mbX < mbCols; mbX++) {
        boolean coded = readResidue(tokens, mbX);
        reconstruct(mbX, mbY);
        int fi = rowSegment[mbX] * 2 + (rowYMode[mbX] == Vp8Predictor.B_PRED ? 1 : 0);
        rowFilter[mbY & 1][mbX] = fi;
        rowInner[mbY & 1][mbX] = rowYMode[mbX] == Vp8Predictor.B_PRED || coded;
      }
      if (tokens.overrun()) {
        throw new CorruptImageException(
            "VP8 token partition ends early, in macroblock row " + mbY);
      }
      Arrays.fill(leftNz, 0);
      Arrays.fill(leftBModes, 0);
      if (mbY > 0) {
        filterRow(mbY - 1);
      }
    }
    filterRow(mbRows - 1);
    return new YuvPicture(width, height, yPlane, yStride, uPlane, vPlane, uvStride);
  }

  // ---------------------------------------------------------------- frame header (section 9)

  private void readFrameHeader() {
    Vp8BoolDecoder br = first;
    br.readBit(128); // colour space: ignored
    br.readBit(128); // clamping type: ignored, results are always clamped
    // Segment values a frame enables but does not send: absolute zeros, as in libwebp.
    int[] segmentQuant = new int[4];
    int[] segmentFilter = new int[4];
    boolean absoluteSegmentValues = true;
    segmentation = br.readBit(128) == 1;
    if (segmentation) {
      updateSegmentMap = br.readBit(128) == 1;
      boolean updateData = br.readBit(128) == 1;
      if (updateData) {
        absoluteSegmentValues = br.readBit(128) == 1;
        for (int s = 0; s < 4; s++) {
          segmentQuant[s] = br.readOptionalSigned(7);
        }
        for (int s = 0; s < 4; s++) {
          segmentFilter[s] = br.readOptionalSigned(6);
        }
      }
      if (updateSegmentMap) {
        for (int i = 0; i < 3; i++) {
          segmentProbs[i] = br.readBit(128) == 1 ? br.readLiteral(8) : 255;
        }
      }
    }
    simpleFilter = br.readBit(128) == 1;
    filterLevel = br.readLiteral(6);
    sharpness = br.readLiteral(3);
    lfDeltas = br.readBit(128) == 1;
    if (lfDeltas && br.readBit(128) == 1) {
      for (int i = 0; i < 4; i++) {
        refLfDelta[i] = br.readOptionalSigned(6);
      }
      for (int i = 0; i < 4; i++) {
        modeLfDelta[i] = br.readOptionalSigned(6);
      }
    }
    setUpPartitions(br.readLiteral(2));

    int baseQ = br.readLiteral(7);
    int dqY1Dc = br.readOptionalSigned(4);
    int dqY2Dc = br.readOptionalSigned(4);
    int dqY2Ac = br.readOptionalSigned(4);
    int dqUvDc = br.readOptionalSigned(4);
    int dqUvAc = br.readOptionalSigned(4);
    for (int s = 0; s < 4; s++) {
      int q = baseQ;
      if (segmentation) {
        q = segmentQuant[s] + (absoluteSegmentValues ? 0 : baseQ);
      }
      y1Dc[s] = Vp8Tables.DC_QUANT[clampIndex(q + dqY1Dc, 127)];
      y1Ac[s] = Vp8Tables.AC_QUANT[clampIndex(q, 127)];
      y2Dc[s] = Vp8Tables.DC_QUANT[clampIndex(q + dqY2Dc, 127)] * 2;
      y2Ac[s] = Math.max(8, Vp8Tables.AC_QUANT[clampIndex(q + dqY2Ac, 127)] * 155 / 100);
      uvDc[s] = Vp8Tables.DC_QUANT[clampIndex(q + dqUvDc, 117)];
      uvAc[s] = Vp8Tables.AC_QUANT[clampIndex(q + dqUvAc, 127)];
    }
    setUpFilterStrengths(segmentFilter, absoluteSegmentValues);

    br.readBit(128); // refresh_entropy_probs: meaningless for a single frame
    int[] update = Vp8Tables.COEFF_UPDATE_PROBS;
    for (int i = 0; i < coeffProbs.length; i++) {
      if (br.readBit(update[i]) == 1) {
        coeffProbs[i] = br.readLiteral(8);
      }
    }
    useSkipProb = br.readBit(128) == 1;
    if (useSkipProb) {
      skipProb = br.readLiteral(8);
    }
  }

  /** The 24-bit little-endian frame tag: key frame, version, shown flag, first partition size. */
  private static int frameTag(byte[] data, int offset) {
    return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16;
  }

  private static int clampIndex(int q, int max) {
    return q < 0 ? 0 : Math.min(q, max);
  }

  /**
   * The DCT token partitions follow the first partition: {@code 3 * (count - 1)} bytes of
   * little-endian sizes, then the partitions, the last taking the rest of the data. Sizes that
   * run past the end are cut to what remains, as in libwebp; an empty last partition is refused.
   */
  private void setUpPartitions(int log2Count) {
    int count = 1 << log2Count;
    int sizesBytes = 3 * (count - 1);
    if (frameEnd - partitionsStart < sizesBytes) {
      throw new CorruptImageException(
          "VP8 partition table needs "
              + sizesBytes
              + " bytes, only "
              + (frameEnd - partitionsStart)
              + " remain");
    }
    partitions = new Vp8BoolDecoder[count];
    int start = partitionsStart + sizesBytes;
    for (int p = 0; p < count - 1; p++) {
      int at = partitionsStart + 3 * p;
      int size = (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16;
      size = Math.min(size, frameEnd - start);
      partitions[p] = new Vp8BoolDecoder(data, start, size);
      start += size;
    }
    if (start >= frameEnd) {
      throw new CorruptImageException(
          "VP8 frame has no data left for its last token partition (" + count + " partitions)");
    }
    partitions[count - 1] = new Vp8BoolDecoder(data, start, frameEnd - start);
  }

  /**
   * Filter strengths per segment and per "uses subblock modes" (RFC 6386 sections 9.3, 9.6 and
   * 15.4). A key frame's macroblocks are all intra: reference delta 0 applies to all, mode delta
   * 0 to those with subblock modes.
   */
  private void setUpFilterStrengths(int[] segmentFilter, boolean absolute) {
    for (int s = 0; s < 4; s++) {
      int base = filterLevel;
      if (segmentation) {
        base = segmentFilter[s] + (absolute ? 0 : filterLevel);
      }
      for (int i4 = 0; i4 < 2; i4++) {
        int level = base;
        if (lfDeltas) {
          level += refLfDelta[0];
          if (i4 == 1) {
            level += modeLfDelta[0];
          }
        }
        level = level < 0 ? 0 : Math.min(level, 63);
        int idx = s * 2 + i4;
        if (level == 0 || filterLevel == 0) {
          filterLimit[idx] = 0;
          continue;
        }
        int interior = level;
        if (sharpness > 0) {
          interior >>= sharpness > 4 ? 2 : 1;
          interior = Math.min(interior, 9 - sharpness);
        }
        interior = Math.max(interior, 1);
        filterInterior[idx] = interior;
        filterLimit[idx] = 2 * level + interior;
        filterHev[idx] = level >= 40 ? 2 : level >= 15 ? 1 : 0;
      }
    }
  }

  // ------------------------------------------------------------ modes (sections 10 and 11)

  private void readModes() {
    Vp8BoolDecoder br = first;
    for (int mbX = 0; mbX < mbCols; mbX++) {
      int segment = 0;
      if (updateSegmentMap) {
        segment =
            br.readBit(segmentProbs[0]) == 0
                ? br.readBit(segmentProbs[1])
                : 2 + br.readBit(segmentProbs[2]);
      }
      rowSegment[mbX] = segment;
      rowSkip[mbX] = useSkipProb && br.readBit(skipProb) == 1;
      int[] yp = Vp8Tables.KF_YMODE_PROBS;
      int yMode;
      if (br.readBit(yp[0]) == 0) {
        yMode = Vp8Predictor.B_PRED;
        for (int n = 0; n < 16; n++) {
          int above = aboveBModes[mbX * 4 + (n & 3)];
          int left = leftBModes[n >> 2];
          int mode = readSubblockMode(br, (above * 10 + left) * 9);
          rowBModes[mbX * 16 + n] = mode;
          aboveBModes[mbX * 4 + (n & 3)] = mode;
          leftBModes[n >> 2] = mode;
        }
      } else {
        if (br.readBit(yp[1]) == 0) {
          yMode = br.readBit(yp[2]) == 0 ? Vp8Predictor.DC_PRED : Vp8Predictor.V_PRED;
        } else {
          yMode = br.readBit(yp[3]) == 0 ? Vp8Predictor.H_PRED : Vp8Predictor.TM_PRED;
        }
        int implied =
            switch (yMode) {
              case Vp8Predictor.V_PRED -> Vp8Predictor.B_VE_PRED;
              case Vp8Predictor.H_PRED -> Vp8Predictor.B_HE_PRED;
              case Vp8Predictor.TM_PRED -> Vp8Predictor.B_TM_PRED;
              default -> Vp8Predictor.B_DC_PRED;
            };
        Arrays.fill(aboveBModes, mbX * 4, mbX * 4 + 4, implied);
        Arrays.fill(leftBModes, implied);
      }
      rowYMode[mbX] = yMode;
      int[] uvp = Vp8Tables.KF_UV_MODE_PROBS;
      int uvMode;
      if (br.readBit(uvp[0]) == 0) {
        uvMode = Vp8Predictor.DC_PRED;
      } else if (br.readBit(uvp[1]) == 0) {
        uvMode = Vp8Predictor.V_PRED;
      } else {
        uvMode = br.readBit(uvp[2]) == 0 ? Vp8Predictor.H_PRED : Vp8Predictor.TM_PRED;
      }
      rowUvMode[mbX] = uvMode;
    }
  }

  /** One subblock mode, by the tree {@code bmode_tree} of RFC 6386 section 11.2. */
  private static int readSubblockMode(Vp8BoolDecoder br, int p) {
    int[] probs = Vp8Tables.KF_BMODE_PROBS;
    if (br.readBit(probs[p]) == 0) {
      return Vp8Predictor.B_DC_PRED;
    }
    if (br.readBit(probs[p + 1]) == 0) {
      return Vp8Predictor.B_TM_PRED;
    }
    if (br.readBit(probs[p + 2]) == 0) {
      return Vp8Predictor.B_VE_PRED;
    }
    if (br.readBit(probs[p + 3]) == 0) {
      if (br.readBit(probs[p + 4]) == 0) {
        return Vp8Predictor.B_HE_PRED;
      }
      return br.readBit(probs[p + 5]) == 0 ? Vp8Predictor.B_RD_PRED : Vp8Predictor.B_VR_PRED;
    }
    if (br.readBit(probs[p + 6]) == 0) {
      return Vp8Predictor.B_LD_PRED;
    }
    if (br.readBit(probs[p + 7]) == 0) {
      return Vp8Predictor.B_VL_PRED;
    }
    return br.readBit(probs[p + 8]) == 0 ? Vp8Predictor.B_HD_PRED : Vp8Predictor.B_HU_PRED;
  }

  // ------------------------------------------------------------------- residue (section 13)

  /**
   * Reads and dequantizes the residue of macroblock {@code mbX} into {@link #coeffs}, setting
   * {@link #blockKinds} (0: nothing to add, 1: DC only, 2: full transform). Returns whether any
   * block has something to add.
   */
  private boolean readResidue(Vp8BoolDecoder br, int mbX) {
    Arrays.fill(coeffs, 0);
    Arrays.fill(blockKinds, 0);
    int seg = rowSegment[mbX];
    boolean i4x4 = rowYMode[mbX] == Vp8Predictor.B_PRED;
    int nzAt = mbX * 9;
    if (rowSkip[mbX]) {
      for (int k = 0; k < 8; k++) {
        aboveNz[nzAt + k] = 0;
        leftNz[k] = 0;
      }
      if (!i4x4) {
        aboveNz[nzAt + 8] = 0;
        leftNz[8] = 0;
      }
      return false;
    }
    int firstCoeff = 0;
    int yType = TYPE_Y_WITH_DC;
    if (!i4x4) {
      Arrays.fill(y2, 0);
      int ctx = aboveNz[nzAt + 8] + leftNz[8];
      int end = readCoefficients(br, TYPE_Y2, ctx, y2Dc[seg], y2Ac[seg], 0, y2, 0);
      int flag = end > 0 ? 1 : 0;
      aboveNz[nzAt + 8] = flag;
      leftNz[8] = flag;
      Vp8Transforms.inverseWht(y2, coeffs, 0);
      firstCoeff = 1;
      yType = TYPE_Y_AFTER_Y2;
    }
    boolean any = false;
    for (int by = 0; by < 4; by++) {
      for (int bx = 0; bx < 4; bx++) {
        int b = by * 4 + bx;
        int ctx = aboveNz[nzAt + bx] + leftNz[by];
        int end =
            readCoefficients(br, yType, ctx, y1Dc[seg], y1Ac[seg], firstCoeff, coeffs, b * 16);
        int flag = end > firstCoeff ? 1 : 0;
        aboveNz[nzAt + bx] = flag;
        leftNz[by] = flag;
        any |= classify(b, end);
      }
    }
    for (int plane = 0; plane < 2; plane++) {
      int ctxAt = 4 + plane * 2;
      for (int by = 0; by < 2; by++) {
        for (int bx = 0; bx < 2; bx++) {
          int b = 16 + plane * 4 + by * 2 + bx;
          int ctx = aboveNz[nzAt + ctxAt + bx] + leftNz[ctxAt + by];
          int end = readCoefficients(br, TYPE_CHROMA, ctx, uvDc[seg], uvAc[seg], 0, coeffs, b * 16);
          int flag = end > 0 ? 1 : 0;
          aboveNz[nzAt + ctxAt + bx] = flag;
          leftNz[ctxAt + by] = flag;
          any |= classify(b, end);
        }
      }
    }
    return any;
  }

  /** Records how block {@code b} must be transformed; true if it adds anything. */
  private boolean classify(int b, int end) {
    int kind = end > 1 ? 2 : coeffs[b * 16] != 0 ? 1 : 0;
    blockKinds[b] = kind;
    return kind != 0;
  }

  /**
   * Reads the tokens of one block (RFC 6386 section 13) from position {@code firstCoeff}, storing
   * dequantized coefficients at their raster positions in {@code out[outAt..]}. Returns the
   * position after the last token read before the end-of-block token, or 16.
   */
  private int readCoefficients(
      Vp8BoolDecoder br, int type, int ctx, int dcQ, int acQ, int firstCoeff, int[] out,
      int outAt) {
    int[] probs = coeffProbs;
    int n = firstCoeff;
    int p = Vp8Tables.coeffIndex(type, Vp8Tables.BANDS[n], ctx);
    while (n < 16) {
      if (br.readBit(probs[p]) == 0) {
        return n; // end of block
      }
      while (br.readBit(probs[p + 1]) == 0) {
        // DCT_0; the next token cannot be end-of-block.
        if (++n == 16) {
          return 16;
        }
        p = Vp8Tables.coeffIndex(type, Vp8Tables.BANDS[n], 0);
      }
      int v;
      int nextCtx;
      if (br.readBit(probs[p + 2]) == 0) {
        v = 1;
        nextCtx = 1;
      } else {
        v = readLargeValue(br, probs, p);
        nextCtx = 2;
      }
      if (br.readSign() == 1) {
        v = -v;
      }
      out[outAt + Vp8Tables.ZIGZAG[n]] = (short) (v * (n > 0 ? acQ : dcQ));
      if (++n < 16) {
        p = Vp8Tables.coeffIndex(type, Vp8Tables.BANDS[n], nextCtx);
      }
    }
    return 16;
  }

  /** A token value of at least 2: DCT_2 .. DCT_4 or a category with its extra bits. */
  private static int readLargeValue(Vp8BoolDecoder br, int[] probs, int p) {
    if (br.readBit(probs[p + 3]) == 0) {
      if (br.readBit(probs[p + 4]) == 0) {
        return 2;
      }
      return 3 + br.readBit(probs[p + 5]);
    }
    if (br.readBit(probs[p + 6]) == 0) {
      if (br.readBit(probs[p + 7]) == 0) {
        return 5 + br.readBit(159); // dct_cat1
      }
      int v = 7 + 2 * br.readBit(165); // dct_cat2
      return v + br.readBit(145);
    }
    int bit1 = br.readBit(probs[p + 8]);
    int bit0 = br.readBit(probs[p + 9 + bit1]);
    int cat = 2 * bit1 + bit0; // dct_cat3 .. dct_cat6
    int v = 0;
    for (int prob : Vp8Tables.CAT3456[cat]) {
      v = 2 * v + br.readBit(prob);
    }
    return v + 3 + (8 << cat);
  }

  // ------------------------------------------------------- reconstruction (sections 12, 14)

  private void reconstruct(int mbX, int mbY) {
    int yAt = mbY * 16 * yStride + mbX * 16;
    boolean hasAbove = mbY > 0;
    boolean hasLeft = mbX > 0;
    if (rowYMode[mbX] == Vp8Predictor.B_PRED) {
      for (int n = 0; n < 16; n++) {
        predictor.predictSubblock(
            yPlane, yAt, yStride, mbX, mbY, mbCols, n, rowBModes[mbX * 16 + n]);
        addResidue(n, yPlane, yAt + (n >> 2) * 4 * yStride + (n & 3) * 4, yStride);
      }
    } else {
      predictor.predictBlock(yPlane, yAt, yStride, 16, rowYMode[mbX], hasAbove, hasLeft);
      for (int n = 0; n < 16; n++) {
        addResidue(n, yPlane, yAt + (n >> 2) * 4 * yStride + (n & 3) * 4, yStride);
      }
    }
    int uvAt = mbY * 8 * uvStride + mbX * 8;
    int uvMode = rowUvMode[mbX];
    predictor.predictBlock(uPlane, uvAt, uvStride, 8, uvMode, hasAbove, hasLeft);
    predictor.predictBlock(vPlane, uvAt, uvStride, 8, uvMode, hasAbove, hasLeft);
    for (int n = 0; n < 4; n++) {
      int at = uvAt + (n >> 1) * 4 * uvStride + (n & 1) * 4;
      addResidue(16 + n, uPlane, at, uvStride);
      addResidue(20 + n, vPlane, at, uvStride);
    }
  }

  private void addResidue(int block, byte[] plane, int at, int stride) {
    switch (blockKinds[block]) {
      case 0 -> {}
      case 1 -> Vp8Transforms.addDcOnly(coeffs[block * 16], plane, at, stride);
      default -> Vp8Transforms.addInverseDct(coeffs, block * 16, plane, at, stride, idctScratch);
    }
  }

  // ------------------------------------------------------------------ loop filter (section 15)

  private void filterRow(int mbY) {
    if (filterLevel == 0) {
      return;
    }
    int[] filters = rowFilter[mbY & 1];
    boolean[] inner = rowInner[mbY & 1];
    for (int mbX = 0; mbX < mbCols; mbX++) {
      int fi = filters[mbX];
      int limit = filterLimit[fi];
      if (limit == 0) {
        continue;
      }
      int yAt = mbY * 16 * yStride + mbX * 16;
      int uvAt = mbY * 8 * uvStride + mbX * 8;
      if (simpleFilter) {
        filterSimple(yAt, mbX, mbY, limit, inner[mbX]);
      } else {
        filterNormal(yAt, uvAt, mbX, mbY, limit, filterInterior[fi], filterHev[fi], inner[mbX]);
      }
    }
  }

  private void filterSimple(int yAt, int mbX, int mbY, int limit, boolean inner) {
    if (mbX > 0) {
      Vp8LoopFilter.simple(yPlane, yAt, 1, yStride, 16, limit + 4);
    }
    if (inner) {
      for (int x = 4; x < 16; x += 4) {
        Vp8LoopFilter.simple(yPlane, yAt + x, 1, yStride, 16, limit);
      }
    }
    if (mbY > 0) {
      Vp8LoopFilter.simple(yPlane, yAt, yStride, 1, 16, limit + 4);
    }
    if (inner) {
      for (int y = 4; y < 16; y += 4) {
        Vp8LoopFilter.simple(yPlane, yAt + y * yStride, yStride, 1, 16, limit);
      }
    }
  }

  private void filterNormal(
      int yAt, int uvAt, int mbX, int mbY, int limit, int interior, int hev, boolean inner) {
    if (mbX > 0) {
      Vp8LoopFilter.macroblockEdge(yPlane, yAt, 1, yStride, 16, limit + 4, interior, hev);
      Vp8LoopFilter.macroblockEdge(uPlane, uvAt, 1, uvStride, 8, limit + 4, interior, hev);
      Vp8LoopFilter.macroblockEdge(vPlane, uvAt, 1, uvStride, 8, limit + 4, interior, hev);
    }
    if (inner) {
      for (int x = 4; x < 16; x += 4) {
        Vp8LoopFilter.subblockEdge(yPlane, yAt + x, 1, yStride, 16, limit, interior, hev);
      }
      Vp8LoopFilter.subblockEdge(uPlane, uvAt + 4, 1, uvStride, 8, limit, interior, hev);
      Vp8LoopFilter.subblockEdge(vPlane, uvAt + 4, 1, uvStride, 8, limit, interior, hev);
    }
    if (mbY > 0) {
      Vp8LoopFilter.macroblockEdge(yPlane, yAt, yStride, 1, 16, limit + 4, interior, hev);
      Vp8LoopFilter.macroblockEdge(uPlane, uvAt, uvStride, 1, 8, limit + 4, interior, hev);
      Vp8LoopFilter.macroblockEdge(vPlane, uvAt, uvStride, 1, 8, limit + 4, interior, hev);
    }
    if (inner) {
      for (int y = 4; y < 16; y += 4) {
        Vp8LoopFilter.subblockEdge(
            yPlane, yAt + y * yStride, yStride, 1, 16, limit, interior, hev);
      }
      Vp8LoopFilter.subblockEdge(uPlane, uvAt + 4 * uvStride, uvStride, 1, 8, limit, interior, hev);
      Vp8LoopFilter.subblockEdge(vPlane, uvAt + 4 * uvStride, uvStride, 1, 8, limit, interior, hev);
    }
  }
}
